"""Partner pages: invite, join, unlink. Views validate, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from attune.accounts.access import signed_in_person
from attune.accounts.models import User
from attune.couples import access, services
from attune.couples.forms import InviteForm, JoinCodeForm
from attune.couples.models import Invitation

CODE_ATTEMPTS_PER_HOUR = 20


@login_required
def partner(request: HttpRequest) -> HttpResponse:
    """The partner page: who I'm linked with, or how to invite and join."""
    person = signed_in_person(request)
    return _render_partner(request, person, InviteForm(), JoinCodeForm())


def _render_partner(
    request: HttpRequest,
    person: User,
    invite_form: InviteForm,
    code_form: JoinCodeForm,
    status: int = 200,
) -> HttpResponse:
    pending = [
        invitation
        for invitation in access.invitations_visible_to(person).filter(
            status=Invitation.Status.PENDING
        )
        if invitation.is_usable
    ]
    return render(
        request,
        "couples/partner.html",
        {
            "partner": access.partner_of(person),
            "pending": pending,
            "invite_form": invite_form,
            "code_form": code_form,
        },
        status=status,
    )


@login_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    """Create an invitation (and e-mail it if an address was given)."""
    person = signed_in_person(request)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _render_partner(request, person, form, JoinCodeForm(), status=400)
    try:
        services.create_invitation(
            person, form.cleaned_data["email"], base_url=request.build_absolute_uri("/")[:-1]
        )
    except services.CoupleError as refused:
        messages.info(request, str(refused))
        return redirect("couples:partner")
    if form.cleaned_data["email"]:
        messages.success(request, "Your invitation is on its way. It works for 7 days.")
    else:
        messages.success(request, "Here is your invitation. Share the link or the code.")
    return redirect("couples:partner")


@login_required
@require_POST
def withdraw(request: HttpRequest, invitation_id: str) -> HttpResponse:
    """Withdraw one of my invitations."""
    invitation = access.get_invitation_for_inviter(signed_in_person(request), invitation_id)
    services.withdraw_invitation(invitation)
    messages.info(request, "The invitation was withdrawn. Its link and code no longer work.")
    return redirect("couples:partner")


@login_required
def join_with_code(request: HttpRequest) -> HttpResponse:
    """Turn a typed code into the invitation page."""
    person = signed_in_person(request)
    form = JoinCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Codes are short, so guessing is slowed down per person.
        key = f"join-code-attempts:{person.pk}"
        attempts = int(cache.get_or_set(key, 0, timeout=3600) or 0)
        cache.incr(key)
        if attempts >= CODE_ATTEMPTS_PER_HOUR:
            form.add_error("code", "That's a lot of tries. Please wait an hour and try again.")
        else:
            invitation = access.find_invitation_by_code(form.cleaned_data["code"])
            if invitation is not None:
                return redirect("couples:join", token=invitation.token)
            form.add_error(
                "code", "We couldn't find that code. Check it with your partner and try again."
            )
    if request.method == "POST":
        return _render_partner(request, person, InviteForm(), form, status=400)
    return redirect("couples:partner")


@login_required
def join(request: HttpRequest, token: str) -> HttpResponse:
    """Look at an invitation and accept it."""
    person = signed_in_person(request)
    invitation = access.find_invitation_by_token(token)
    if invitation is None or not invitation.is_usable:
        return render(request, "couples/invitation_unusable.html", status=404)
    if request.method == "POST":
        try:
            services.accept_invitation(invitation, person)
        except services.CoupleError as refused:
            return render(
                request,
                "couples/join.html",
                {"invitation": invitation, "problem": str(refused)},
                status=409,
            )
        messages.success(request, f"You and {invitation.inviter.name} are now linked.")
        return redirect("couples:partner")
    return render(
        request,
        "couples/join.html",
        {"invitation": invitation, "own": invitation.inviter_id == person.pk},
    )


@login_required
def unlink(request: HttpRequest) -> HttpResponse:
    """Confirm, then unlink at once."""
    person = signed_in_person(request)
    if request.method == "POST":
        services.unlink(person)
        messages.info(request, "You're no longer linked. Your own work is all still here.")
        return redirect("couples:partner")
    return render(request, "couples/unlink.html", {"partner": access.partner_of(person)})
