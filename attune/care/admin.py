"""Staff verify practitioners here. Nothing a client wrote, granted or was sent is registered:
relationships, grants, notes, homework and the access history stay out of the admin."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from attune.care import services
from attune.care.models import Approach, ConsultationRequest, Practitioner


class VerifiedFilter(admin.SimpleListFilter):
    """Verified (listed) or waiting for staff to check the licence."""

    title = "verified"
    parameter_name = "verified"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Verified"), ("no", "Waiting to be verified")]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Practitioner]
    ) -> QuerySet[Practitioner]:
        if self.value() == "yes":
            return queryset.filter(verified_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(verified_at__isnull=True)
        return queryset


@admin.register(Practitioner)
class PractitionerAdmin(admin.ModelAdmin[Practitioner]):
    list_display = ("name", "credentials", "licence", "place", "verified", "created_at")
    list_filter = (VerifiedFilter, "online", "in_person", "accepting_clients", "approaches")
    search_fields = ("name", "licence", "user__email", "city", "country")
    readonly_fields = ("user", "verified_at", "created_at", "updated_at")
    filter_horizontal = ("approaches",)
    actions = ("verify", "unverify")
    ordering = ("verified_at", "name")

    @admin.display(boolean=True, description="verified")
    def verified(self, practitioner: Practitioner) -> bool:
        return practitioner.is_verified

    @admin.action(description="Verify the selected practitioners (licence checked)")
    def verify(self, request: HttpRequest, queryset: QuerySet[Practitioner]) -> None:
        count = services.verify_practitioners(queryset)
        self.message_user(request, f"{count} practitioner(s) verified and listed.")

    @admin.action(description="Take the selected practitioners out of the directory")
    def unverify(self, request: HttpRequest, queryset: QuerySet[Practitioner]) -> None:
        count = services.unverify_practitioners(queryset)
        self.message_user(
            request,
            f"{count} practitioner(s) unlisted; they can no longer see their clients' work.",
            level=messages.WARNING,
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Practitioners create their own profile from their account; staff only check it.
        return False


@admin.register(Approach)
class ApproachAdmin(admin.ModelAdmin[Approach]):
    list_display = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(admin.ModelAdmin[ConsultationRequest]):
    """For removing spam and answering erasure requests; the message itself is not shown:
    it was written to the practitioner, not to staff."""

    list_display = ("created_at", "practitioner", "name", "email", "contact_by")
    list_filter = ("contact_by",)
    search_fields = ("email", "name", "practitioner__name")
    fields = ("practitioner", "name", "email", "contact_by", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
