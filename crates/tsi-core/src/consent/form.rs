//! The printable consent form of a consent plan (#27): what the family reads and signs.
//!
//! One HTML page with print CSS, in Swedish or English: who may share information with whom
//! (the agencies in words), which information (the categories in words), why, for how long,
//! the right to withdraw and how, birthdays in the period that change who decides, and one
//! signature block per giver. No personal data (R-PD-1): names and personal identity numbers
//! are blanks for the family to fill in; the child's birth date is never printed.

use super::plan::{AgeChange, ConsentPlan, SharingPlan};
use super::{Consent, Giver, Recipient, SharingCase};
use crate::error::{Error, Result};
use crate::finding::Code;
use crate::i18n::Lang;
use crate::time::Zone;

/// The form of a plan's consent. `CONSENT_PLAN_NOTHING_TO_SIGN` when the plan has no consent to
/// ask for (covered, or blocked).
pub fn consent_form(
    case: &SharingCase,
    sharing: &SharingPlan,
    plan: &ConsentPlan,
    zone: Zone,
    lang: Lang,
) -> Result<String> {
    let consent = plan.consent.as_deref().ok_or_else(|| Error::new(Code::ConsentPlanNothingToSign, ""))?;
    let t = Texts::of(lang);
    let mut body = String::new();
    body.push_str(&format!("<h1>{}</h1>\n<p class=\"intro\">{}</p>\n", t.title, t.intro));
    section(&mut body, t.who, &list_raw(parties(case, &sharing.from, consent, lang)));
    section(&mut body, t.what, &list(consent.categories.iter().map(|c| c.display_name(lang).to_owned()).collect()));
    section(&mut body, t.why, &format!("<p>{}</p>", escape(consent.purpose.display_name(lang))));
    let (from, until) = (consent.valid_from.local_date(zone), consent.valid_until.local_date(zone));
    section(
        &mut body,
        t.how_long,
        &format!("<p>{} {} {} {}.</p>", t.from, date(from, lang), t.until, date(until, lang)),
    );
    if !plan.birthdays.is_empty() {
        let lines =
            plan.birthdays.iter().map(|b| format!("{} {}", date(b.date, lang), t.change(b.change, b.age))).collect();
        section(&mut body, t.birthdays, &list_raw(lines));
    }
    section(&mut body, t.withdraw, &format!("<p>{}</p>", t.withdraw_how));
    body.push_str(&format!("<h2>{}</h2>\n<div class=\"signatures\">\n", t.sign));
    for (n, giver) in consent.givers.iter().enumerate() {
        body.push_str(&signature(&giver.giver, n, &t));
    }
    body.push_str("</div>\n");
    body.push_str(&format!("<p class=\"footer\">{}</p>\n", t.footer));
    Ok(page(&t, &body, lang))
}

/// The agencies that share with each other: the sender, then the consent's recipients, in
/// words, with the agency's own reference beside them (never a personal identifier, R-PD-1).
fn parties(case: &SharingCase, from: &str, consent: &Consent, lang: Lang) -> Vec<String> {
    let named = |id: &str| match case.agency(id) {
        Some(agency) => {
            format!("{} <span class=\"ref\">({})</span>", escape(&agency.kind.display_name(lang)), escape(id))
        }
        None => escape(id),
    };
    let mut out = vec![named(from)];
    out.extend(consent.recipients.iter().map(|r| match r {
        Recipient::Agency(id) => named(id),
        Recipient::Kind(kind) => escape(&kind.display_name(lang)),
    }));
    out
}

/// One signature block: who signs, and blanks for name, personal identity number, date and
/// signature.
fn signature(giver: &Giver, n: usize, t: &Texts) -> String {
    let who = match giver {
        Giver::Guardian(_) => format!("{} {}", t.guardian, n + 1),
        Giver::Child => t.child.to_owned(),
    };
    let blank = |label: &str| format!("<div class=\"blank\"><span>{label}</span></div>");
    format!(
        "<div class=\"signature\"><h3>{who}</h3>{}{}{}{}</div>\n",
        blank(t.name),
        blank(t.number),
        blank(t.date),
        blank(t.signature)
    )
}

fn section(out: &mut String, heading: &str, content: &str) {
    out.push_str(&format!("<section><h2>{heading}</h2>\n{content}\n</section>\n"));
}

/// A list of plain texts.
fn list(items: Vec<String>) -> String {
    list_raw(items.iter().map(|i| escape(i)).collect())
}

/// A list of HTML fragments.
fn list_raw(items: Vec<String>) -> String {
    let items: String = items.into_iter().map(|i| format!("<li>{i}</li>")).collect();
    format!("<ul>{items}</ul>")
}

/// A date as the form's reader writes it (`14 mars 2028`, `14 March 2028`).
fn date(d: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    const SV: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let months = match lang {
        Lang::Sv => SV,
        Lang::En => EN,
    };
    let month = months.get(d.month0() as usize).copied().unwrap_or_default();
    format!("{} {month} {}", d.day(), d.year())
}

/// Text for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn page(t: &Texts, body: &str, lang: Lang) -> String {
    let code = match lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    };
    format!(
        "<!doctype html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        t.title
    )
}

const STYLE: &str = "
body { font-family: 'Source Sans 3', 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 12pt; line-height: 1.45;
  color: #1a1a1a; max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 20pt; margin: 0 0 .5rem; }
h2 { font-size: 13pt; margin: 1.4rem 0 .3rem; border-bottom: 1px solid #bbb; padding-bottom: .15rem; }
h3 { font-size: 12pt; margin: 0 0 .6rem; }
.intro { font-size: 12.5pt; }
ul { margin: .2rem 0; padding-left: 1.3rem; }
.ref { color: #666; font-size: 10pt; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem 2rem; }
.signature { border: 1px solid #999; border-radius: 4px; padding: .8rem 1rem; break-inside: avoid; page-break-inside: avoid; }
.blank { border-bottom: 1px solid #333; height: 2.2rem; display: flex; align-items: flex-end; margin-bottom: .5rem; }
.blank span { font-size: 9pt; color: #555; transform: translateY(1.1rem); }
.footer { margin-top: 2rem; font-size: 9.5pt; color: #555; }
@media print {
  body { margin: 0; max-width: none; }
  @page { size: A4; margin: 18mm 16mm; }
  section, .signature { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; }
}
";

/// The form's fixed words in one language.
struct Texts {
    title: &'static str,
    intro: &'static str,
    who: &'static str,
    what: &'static str,
    why: &'static str,
    how_long: &'static str,
    from: &'static str,
    until: &'static str,
    birthdays: &'static str,
    withdraw: &'static str,
    withdraw_how: &'static str,
    sign: &'static str,
    guardian: &'static str,
    child: &'static str,
    name: &'static str,
    number: &'static str,
    date: &'static str,
    signature: &'static str,
    footer: &'static str,
    lang: Lang,
}

impl Texts {
    fn of(lang: Lang) -> Texts {
        match lang {
            Lang::Sv => Texts {
                title: "Samtycke till att vi delar information",
                intro: "Vi som möter barnet i skolan, socialtjänsten och vården vill kunna prata med varandra, så att barnet får rätt stöd i tid. Det får vi bara göra om ni samtycker. Ni bestämmer själva, och ni kan ta tillbaka ert samtycke när som helst.",
                who: "Vilka som får dela information med varandra",
                what: "Vilken information",
                why: "Varför",
                how_long: "Hur länge samtycket gäller",
                from: "Från",
                until: "till",
                birthdays: "När barnet blir äldre",
                withdraw: "Ni kan ta tillbaka samtycket",
                withdraw_how: "Ni kan ta tillbaka samtycket helt eller delvis när som helst, utan att förklara varför. Säg det till någon av oss, muntligt eller skriftligt. Det gäller från den stunden; det som redan har delats kan inte tas tillbaka. Var och en som skriver under kan ta tillbaka sitt eget samtycke.",
                sign: "Underskrifter",
                guardian: "Vårdnadshavare",
                child: "Barnet",
                name: "Namn",
                number: "Personnummer",
                date: "Datum",
                signature: "Underskrift",
                footer: "Samtycket gör att sekretessen mellan verksamheterna ovan inte hindrar att de delar den information som står här, för det syfte som står här (offentlighets- och sekretesslagen 12 kap. 2 §).",
                lang,
            },
            Lang::En => Texts {
                title: "Consent to sharing information",
                intro: "Those of us who meet the child at school, in social services and in health care want to be able to talk to each other, so that the child gets the right support in time. We may only do so if you consent. It is your decision, and you can withdraw your consent at any time.",
                who: "Who may share information with each other",
                what: "Which information",
                why: "Why",
                how_long: "How long the consent lasts",
                from: "From",
                until: "until",
                birthdays: "As the child grows older",
                withdraw: "You can withdraw your consent",
                withdraw_how: "You can withdraw your consent, wholly or in part, at any time and without saying why. Tell any of us, orally or in writing. It applies from that moment; what has already been shared cannot be taken back. Everyone who signs can withdraw their own consent.",
                sign: "Signatures",
                guardian: "Guardian",
                child: "The child",
                name: "Name",
                number: "Personal identity number",
                date: "Date",
                signature: "Signature",
                footer: "With this consent, secrecy between the agencies above does not stop them from sharing the information listed here, for the purpose given here (Public Access to Information and Secrecy Act, chapter 12, section 2).",
                lang,
            },
        }
    }

    /// What a birthday changes, in words.
    fn change(&self, change: AgeChange, age: u32) -> String {
        match (self.lang, change) {
            (Lang::Sv, AgeChange::ChildConsentNeeded) => format!("fyller barnet {age} år. Från dess behövs också barnets eget samtycke, och om barnet säger nej delar vi inte."),
            (Lang::Sv, AgeChange::ChildAloneForHealth) => format!("fyller barnet {age} år. Från dess kan barnet självt samtycka till att vården delar uppgifter om barnets hälsa."),
            (Lang::Sv, AgeChange::Adult) => format!("fyller barnet {age} år. Från dess bestämmer hen själv."),
            (Lang::En, AgeChange::ChildConsentNeeded) => format!("the child turns {age}. From then on the child's own consent is needed too, and if the child says no we do not share."),
            (Lang::En, AgeChange::ChildAloneForHealth) => format!("the child turns {age}. From then on the child alone can consent to health care sharing information about the child's health."),
            (Lang::En, AgeChange::Adult) => format!("the child turns {age}. From then on they decide for themselves."),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use crate::consent::plan::{plan_consent, SharingPlan};

    fn example() -> (SharingCase, SharingPlan) {
        let text = include_str!("../../../../examples/sharing/plan.json");
        let doc: serde_json::Value = serde_json::from_str(text).unwrap();
        (serde_json::from_value(doc["case"].clone()).unwrap(), serde_json::from_value(doc["plan"].clone()).unwrap())
    }

    fn form(case: &SharingCase, sharing: &SharingPlan, lang: Lang) -> Result<String> {
        let policy = crate::Policy::default();
        let planned = plan_consent(case, sharing, &policy, lang)?;
        consent_form(case, sharing, &planned, policy.time_zone, lang)
    }

    /// The visible text of a page: tags, the style sheet and entities taken out.
    fn visible(html: &str) -> String {
        let body = html.split("<body>").nth(1).unwrap();
        let mut out = String::new();
        let mut in_tag = false;
        for c in body.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn the_form_is_in_one_language_with_a_block_per_giver_and_no_personal_data() {
        let (case, sharing) = example();
        let (sv, en) = (form(&case, &sharing, Lang::Sv).unwrap(), form(&case, &sharing, Lang::En).unwrap());
        // Words only the other language's form uses never appear.
        for (text, foreign) in [
            (&sv, ["Consent", "Guardian", "Signature", "withdraw", "March"]),
            (&en, ["Samtycke", "Vårdnadshavare", "Underskrift", "tillbaka", "mars"]),
        ] {
            let shown = visible(text);
            for word in foreign {
                assert!(!shown.contains(word), "{word} in {shown}");
            }
            assert_eq!(text.matches("class=\"signature\"").count(), 3);
            // The child's birth date and the guardians' references are not printed.
            assert!(!text.contains("2013") && !text.contains("vh-1") && !text.contains("vh-2"));
            // Identifiers of the library are not shown to the family.
            for id in ["MentalHealth", "SocialSituation", "TsiCollaboration", "ChildAloneForHealth", "Guardian("] {
                assert!(!shown.contains(id), "{id} in {shown}");
            }
        }
        assert!(visible(&sv).contains("14 mars 2028 fyller barnet 15 år"));
        assert!(visible(&en).contains("14 March 2028 the child turns 15"));
        assert!(visible(&sv).contains("skolan") && visible(&sv).contains("barn- och ungdomspsykiatrin (BUP)"));
    }

    #[test]
    fn an_agency_of_its_own_kind_is_escaped_and_nothing_to_sign_is_a_coded_error() {
        let (mut case, mut sharing) = example();
        case.agencies[0].kind = crate::agency::AgencyKind::Other("<b>Fritids & co</b>".into());
        let html = form(&case, &sharing, Lang::Sv).unwrap();
        assert!(html.contains("&lt;b&gt;Fritids &amp; co&lt;/b&gt;") && !html.contains("<b>"));
        sharing.recipients = vec!["soc-barn-unga".into()];
        sharing.categories = vec![crate::category::InformationCategory::Attendance];
        sharing.valid_until = crate::time::Instant::parse("2027-01-01T00:00:00+01:00").unwrap();
        assert_eq!(form(&case, &sharing, Lang::Sv).unwrap_err().code(), Code::ConsentPlanNothingToSign);
    }
}
