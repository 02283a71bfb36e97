"""#27 end to end from Python, in Swedish and English: a denied question, the consent to ask
for, signed, allowed; before a meeting, the plan's consent and its form, and once signed every
participant × category is allowed for the whole period."""
import datetime
import json
from pathlib import Path

import pytest
import tsi

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "sharing"


def example(name):
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def signed(case, consent):
    return dict(case, consents=case["consents"] + [dict(consent, recorded_by="kurator-3")])


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_denied_then_what_we_need_then_allowed(lang):
    doc = example("denied.json")
    case, request = doc["case"], doc["request"]
    assert not tsi.may_share(case, request, lang).allowed
    answer = tsi.remedies(case, request, lang)
    drafts = [r["consent"] for r in answer["remedies"] if r["kind"] == "AskConsent"]
    assert drafts and answer["blocked"] == []
    for consent in drafts:
        assert tsi.may_share(signed(case, consent), request, lang).allowed


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_planned_meeting_is_allowed_once_its_consent_is_signed(lang):
    doc = example("plan.json")
    case, plan = doc["case"], doc["plan"]
    planned = tsi.plan_consent(case, plan, lang)
    assert planned["covered"] is False
    assert [(b["date"], b["age"]) for b in planned["birthdays"]] == [("2028-03-14", 15)]
    form = tsi.consent_form(case, plan, lang)
    assert ("Samtycke till att vi delar information" if lang == "sv" else "Consent to sharing information") in form
    after = signed(case, planned["consent"])
    end = (datetime.datetime.fromisoformat(plan["valid_until"]) - datetime.timedelta(seconds=1)).isoformat()
    denied_before = 0
    for at in [plan["valid_from"], "2028-03-14T09:00:00+01:00", end]:
        for to in plan["recipients"]:
            for category in plan["categories"]:
                request = {"from": plan["from"], "to": to, "category": category, "purpose": plan["purpose"],
                           "at": at, "actor": "kurator-3"}
                denied_before += not tsi.may_share(case, request, lang).allowed
                assert tsi.may_share(after, request, lang).allowed, (to, category, at)
    assert denied_before > 0
    assert tsi.plan_consent(after, plan, lang)["covered"] is True
