"""Tools a journey day can embed by name, and where each one lives once it is built.

A day names tools in its Markdown (`{{ tool: ecr-r }}`). A tool is offered only when its
page exists; until then the day's text stands alone.
"""

from django.urls import NoReverseMatch, reverse

# name -> (what the link says, URL name of the tool's page, its URL arguments)
TOOLS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "ecr-r": ("Take the attachment questionnaire (ECR-R)", "assessments:take", ("ecr-r",)),
    "ecr-rs": ("Take the partner questionnaire (ECR-RS)", "assessments:take", ("ecr-rs",)),
    "csi-4": ("Take the relationship check-in (CSI-4)", "assessments:take", ("csi-4",)),
    "csi-16": ("Take the longer check-in (CSI-16)", "assessments:take", ("csi-16",)),
    "journal": ("Write in your journal", "journal:new", ()),
    "trigger-log": ("Log a trigger", "journal:trigger_new", ()),
    "weekly-review": ("Read your weekly review", "journal:weekly_review", ()),
    "cycle-map": ("Map your cycle", "cycles:map", ()),
    "i-statement-coach": ("Try the I-statement coach", "practices:coach", ()),
    "speaker-listener": ("Take speaker–listener turns", "practices:speaker_listener", ()),
    "breathing": ("Breathe with a timer", "practices:breathing", ()),
    "grounding": ("Ground yourself: 5-4-3-2-1", "practices:grounding", ()),
    "body-scan": ("A short body scan", "practices:body_scan", ()),
    "ritual-builder": ("Build a ritual", "practices:rituals", ()),
    "safety-check": ("A private safety check", "safety:check", ()),
}


def available_tools(names: list[str]) -> list[dict[str, str]]:
    """The named tools whose pages exist, as label and URL, in the day's order."""
    found = []
    for name in names:
        label, url_name, args = TOOLS.get(name, ("", "", ()))
        try:
            found.append({"name": name, "label": label, "url": reverse(url_name, args=args)})
        except NoReverseMatch:
            continue
    return found
