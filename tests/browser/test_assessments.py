"""In a real browser: take the ECR-RS page by page with the keyboard and mouse, see the plot."""

import re
from typing import Any

from tests.browser.test_couple import log_in
from tests.cast import make_person


def test_take_the_ecr_rs_and_see_the_plot(live_server: Any, new_page: Any) -> None:
    make_person("alice@example.com", "Alice")
    page = new_page()
    log_in(page, live_server.url, "alice@example.com")
    page.goto(f"{live_server.url}/assessments/ecr-rs/")
    # Page 1: six items, each a labelled radio group; answer the first with the keyboard.
    first = page.get_by_role("group", name=re.compile("It helps to turn to this person"))
    first.get_by_label("2", exact=True).focus()
    page.keyboard.press("ArrowRight")  # moves within the group to 3 and selects it
    assert first.get_by_label("3", exact=True).is_checked()
    for group in page.locator("fieldset.item").all()[1:]:
        group.get_by_label("4 — Neutral/mixed").check()
    page.get_by_role("button", name="Next").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert "6 of 9 answered" in page.inner_text("main")
    for group in page.locator("fieldset.item").all():
        group.get_by_label("7 — Strongly agree").check()
    page.get_by_role("button", name="See my results").click()
    page.wait_for_url(re.compile(r"/assessments/results/"))
    main = page.inner_text("main")
    assert "Anxiety" in main and "7.00" in main
    plot = page.locator("svg[role=img]")
    assert plot.count() == 1
    assert "Anxious" in (plot.text_content() or "")
    assert plot.locator("circle").count() >= 1
    assert "Fraley" in main
