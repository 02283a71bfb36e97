//! WebAssembly exports of tsi-core. Each function converts its JS arguments, calls one
//! core function and converts back; no domain decision is made here.
//!
//! Arguments arrive as `JsValue` so that a wrong JS type is a coded `TsiError`
//! (`JSON_WRONG_TYPE`) rather than a wasm-bindgen exception without a code.

use serde::Serialize;
use tsi_core::case::transition as case;
use tsi_core::stats::Aggregate;
use tsi_core::time::Instant;
use tsi_core::{id, meeting, Code, Error, Lang};
use wasm_bindgen::prelude::*;

use out::to_js;

mod matrix;
mod names;
mod out;
mod policy;
mod text;

/// Every value tsi reads or returns, generated from the core's types (crates/tsi-types).
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("types.d.ts");

/// The JS API's own shapes: the error and the option objects.
#[wasm_bindgen(typescript_custom_section)]
const TS_API: &str = include_str!("api.d.ts");

#[wasm_bindgen]
extern "C" {
    /// A language argument (`"sv"` or `"en"`); checked at run time, so any value may arrive.
    #[wasm_bindgen(typescript_type = "Lang")]
    pub type LangArg;
    /// A date argument `YYYY-MM-DD`.
    #[wasm_bindgen(typescript_type = "IsoDate")]
    pub type DateArg;
    /// A string argument.
    #[wasm_bindgen(typescript_type = "string")]
    pub type StringArg;
    /// A policy: an object or JSON text.
    #[wasm_bindgen(typescript_type = "PolicyInput | string")]
    pub type PolicyArg;
    /// A sharing case: an object or JSON text.
    #[wasm_bindgen(typescript_type = "SharingCase | string")]
    pub type CaseArg;
    /// A sharing request: an object or JSON text.
    #[wasm_bindgen(typescript_type = "ShareRequest | string")]
    pub type RequestArg;
    /// A sharing matrix question: an object or JSON text.
    #[wasm_bindgen(typescript_type = "MatrixRequest | string")]
    pub type MatrixRequestArg;
    /// A sharing plan: an object or JSON text.
    #[wasm_bindgen(typescript_type = "SharingPlan | string")]
    pub type PlanArg;
    /// A de-identified summary: an object or JSON text.
    #[wasm_bindgen(typescript_type = "DeIdentifiedSummary | string")]
    pub type SummaryArg;
    /// Audit records: an array or JSON text.
    #[wasm_bindgen(typescript_type = "AuditRecord[] | string")]
    pub type RecordsArg;
    /// An RFC 3339 instant.
    #[wasm_bindgen(typescript_type = "Instant")]
    pub type InstantArg;
    /// Options of the sharing functions.
    #[wasm_bindgen(typescript_type = "ShareOptions")]
    pub type ShareOptionsArg;
    /// Options of `mayShare`, `sharingMatrix` and `recordCaseEvent` (`audit: "json"` has its own
    /// overload).
    #[wasm_bindgen(typescript_type = "RecordOptions & { audit?: true }")]
    pub type RecordOptionsArg;
    /// Options of a prepared `mayShare`, `sharingMatrix` or `record`.
    #[wasm_bindgen(typescript_type = "PreparedRecordOptions & { audit?: true }")]
    pub type PreparedRecordOptionsArg;
    /// A SIP: an object or JSON text.
    #[wasm_bindgen(typescript_type = "Sip | string")]
    pub type SipArg;
    /// Agencies: an array or JSON text.
    #[wasm_bindgen(typescript_type = "Agency[] | string")]
    pub type AgenciesArg;
    /// Agency ids.
    #[wasm_bindgen(typescript_type = "string[]")]
    pub type IdsArg;
    /// A case state value, or null before Raise.
    #[wasm_bindgen(typescript_type = "Case | string | null")]
    pub type CaseStateArg;
    /// A log entry `{ ctx, event }`.
    #[wasm_bindgen(typescript_type = "LogEntry | string")]
    pub type EntryArg;
    /// A case log.
    #[wasm_bindgen(typescript_type = "LogEntry[] | string")]
    pub type LogArg;
    /// Cases.
    #[wasm_bindgen(typescript_type = "Case[] | string")]
    pub type CasesArg;
    /// A meeting schedule.
    #[wasm_bindgen(typescript_type = "MeetingSchedule | string")]
    pub type ScheduleArg;
    /// Options of the case functions.
    #[wasm_bindgen(typescript_type = "CaseOptions")]
    pub type CaseOptionsArg;
    /// Options of the checking functions.
    #[wasm_bindgen(typescript_type = "CheckOptions")]
    pub type CheckOptionsArg;
    /// Follow-up measures.
    #[wasm_bindgen(typescript_type = "Measures | string")]
    pub type MeasuresArg;
    /// Two measurements of one child.
    #[wasm_bindgen(typescript_type = "ChangeQuestion | string")]
    pub type ChangeQuestionArg;
    /// A partial aggregate.
    #[wasm_bindgen(typescript_type = "StatsPartial | string")]
    pub type PartialArg;
    /// Options of a question to a prepared case.
    #[wasm_bindgen(typescript_type = "PreparedShareOptions")]
    pub type PreparedShareOptionsArg;
    /// Options of the statistics accumulator.
    #[wasm_bindgen(typescript_type = "StatsOptions")]
    pub type StatsOptionsArg;
}

/// Options read from a JS options object; absent members take their defaults.
struct Options {
    /// `None`: SPEC's defaults (see [`Options::policy`]), not built again for every call.
    policy: Option<tsi_core::Policy>,
    lang: Lang,
    audit_prev: Option<String>,
    audit_key: Option<tsi_core::audit::AuditKey>,
}

/// An option's value (`undefined` and `null` are absent). A getter that throws is a coded
/// error, never a silent default: a policy that could not be read must not become SPEC's.
fn member_of(options: &JsValue, key: &'static str) -> Result<Option<JsValue>, JsValue> {
    match js_sys::Reflect::get(options, &names::js_name(key)) {
        Ok(v) => Ok(Some(v).filter(|v| !v.is_undefined() && !v.is_null())),
        Err(_) => Err(to_js_error(
            &Error::new(Code::JsonInvalidValue, format!("/options/{key}")).param("expected", "a readable value"),
        )),
    }
}

/// [`member_of`] where a failure was already reported by [`options_arg`] on the same object.
fn member(options: &JsValue, key: &'static str) -> Option<JsValue> {
    member_of(options, key).ok().flatten()
}

fn options_arg(options: Option<JsValue>) -> Result<Options, JsValue> {
    let options = options.filter(|o| !o.is_undefined() && !o.is_null());
    let Some(options) = options else {
        return Ok(Options { policy: None, lang: Lang::default(), audit_prev: None, audit_key: None });
    };
    if !options.is_object() {
        return Err(wrong_type("options", "an object"));
    }
    // Paths name the policy `/policy`, as in every language.
    let policy_text = member_of(&options, "policy")?.map(|p| document_arg(&p, "policy")).transpose()?;
    let policy = policy_text
        .map(|text| tsi_core::documents::policy_or_default(Some(&text)).map_err(|e| to_js_error(&e)))
        .transpose()?;
    let lang = lang_arg(member_of(&options, "lang")?)?;
    let audit_prev = member_of(&options, "auditPrev")?.map(|a| document_arg(&a, "audit_prev")).transpose()?;
    let key_text = member_of(&options, "auditKey")?.map(|k| document_arg(&k, "audit_key")).transpose()?;
    let audit_key = key_text.as_deref().map(tsi_core::documents::audit_key).transpose().map_err(|e| to_js_error(&e))?;
    // Read here so that a throwing getter is reported even where the caller reads it later.
    member_of(&options, "at")?;
    Ok(Options { policy, lang, audit_prev, audit_key })
}

impl Options {
    /// The policy of the call: the one given, or SPEC's defaults.
    fn policy(&self) -> &tsi_core::Policy {
        static DEFAULT: std::sync::OnceLock<tsi_core::Policy> = std::sync::OnceLock::new();
        self.policy.as_ref().unwrap_or_else(|| DEFAULT.get_or_init(tsi_core::Policy::default))
    }

    /// The policy of the call, owned by an object that keeps it.
    fn into_policy(self) -> tsi_core::Policy {
        self.policy.unwrap_or_default()
    }
}

type JsResult = Result<JsValue, JsValue>;

/// A core error as a JS `Error` with `name = "TsiError"`, `code`, `path` and `params`.
fn to_js_error(err: &Error) -> JsValue {
    to_js_error_in(err, Lang::En)
}

/// The error as a JS `TsiError` whose message is in `lang`.
fn to_js_error_in(err: &Error, lang: Lang) -> JsValue {
    let js = js_sys::Error::new(&err.message(lang));
    js.set_name("TsiError");
    let params = to_js(err.params()).unwrap_or(JsValue::NULL);
    for (key, value) in
        [("code", JsValue::from_str(err.code().as_str())), ("path", JsValue::from_str(err.path())), ("params", params)]
    {
        // Setting a property on a fresh Error cannot fail; ignore the Result for no-panic.
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str(key), &value);
    }
    js.into()
}

fn wrong_type(arg: &str, expected: &str) -> JsValue {
    to_js_error(&Error::new(Code::JsonWrongType, format!("/{arg}")).param("expected", expected))
}

/// A required string argument.
fn string_arg(value: &JsValue, arg: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| wrong_type(arg, "a string"))
}

/// The optional language argument: absent, `undefined` or `null` is Swedish.
fn lang_arg(value: Option<JsValue>) -> Result<Lang, JsValue> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => string_arg(&v, "lang")?.parse().map_err(|e| to_js_error(&e)),
        _ => Ok(Lang::default()),
    }
}

/// A document argument: JSON text as a string, or a JS object serialized with JSON.stringify.
fn document_arg(value: &JsValue, arg: &str) -> Result<String, JsValue> {
    if let Some(text) = text::text_of(value) {
        return Ok(text);
    }
    if value.is_undefined() {
        return Err(to_js_error(&Error::new(Code::InputEmpty, "")));
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| text::text_of(&s))
        .ok_or_else(|| wrong_type(arg, "JSON-serialisable data"))
}

fn date_arg(value: &JsValue, arg: &str) -> Result<tsi_core::NaiveDate, JsValue> {
    id::parse_date(&string_arg(value, arg)?, arg).map_err(|e| to_js_error(&e))
}

fn core<T: Serialize>(result: Result<T, Error>) -> JsResult {
    result.map_err(|e| to_js_error(&e)).and_then(|v| to_js(&v))
}

/// As `core`, for a call made in a language: its error speaks that language too (#31).
fn core_in<T: Serialize>(result: Result<T, Error>, lang: Lang) -> JsResult {
    result.map_err(|e| to_js_error_in(&e, lang)).and_then(|v| to_js(&v))
}

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    tsi_core::VERSION.to_owned()
}

/// Every error and finding code with its rule ID and messages.
#[wasm_bindgen(unchecked_return_type = "CodeInfo[]")]
pub fn codes() -> JsResult {
    to_js(&tsi_core::finding::codes())
}

/// The words staff read for a name of the library (`displayName("CaseState", "AwaitingConsent",
/// "sv")` is `"väntar på samtycke"`), from the one table every language uses; `undefined` for
/// a name the table does not hold (an agency of another kind, say).
#[wasm_bindgen(js_name = displayName)]
pub fn display_name(enum_name: StringArg, value: StringArg, lang: Option<LangArg>) -> Result<Option<String>, JsValue> {
    let (enum_name, value) = (string_arg(&enum_name, "enumName")?, string_arg(&value, "value")?);
    Ok(tsi_core::i18n::display_name(&enum_name, &value, lang_arg(lang.map(Into::into))?).map(str::to_owned))
}

/// Checks a personal identity or coordination number at a date (R-ID-1, R-ID-2).
#[wasm_bindgen(js_name = checkPersonalIdentity, unchecked_return_type = "IdCheck")]
pub fn check_personal_identity(input: StringArg, at: DateArg) -> JsResult {
    let input = string_arg(&input, "input")?;
    core(id::check_personal_identity(&input, date_arg(&at, "at")?))
}

/// Age in whole years at a date (R-ID-2).
#[wasm_bindgen(js_name = ageAt)]
pub fn age_at(birth_date: DateArg, at: DateArg) -> Result<u32, JsValue> {
    id::age_at(date_arg(&birth_date, "birth_date")?, date_arg(&at, "at")?).map_err(|e| to_js_error(&e))
}

/// The default policy: every SPEC default.
#[wasm_bindgen(js_name = defaultPolicy, unchecked_return_type = "Policy")]
pub fn default_policy() -> JsResult {
    to_js(&tsi_core::Policy::default())
}

/// Reads a policy (object or JSON text); absent fields take their defaults.
#[wasm_bindgen(js_name = parsePolicy, unchecked_return_type = "Policy")]
pub fn parse_policy(policy: PolicyArg) -> JsResult {
    core(tsi_core::documents::parse_policy(&document_arg(&policy, "policy")?))
}

/// Validates a policy (object or JSON text) and returns a report of findings.
#[wasm_bindgen(js_name = validatePolicy, unchecked_return_type = "Report")]
pub fn validate_policy(policy: PolicyArg, lang: Option<LangArg>) -> JsResult {
    let lang = lang_arg(lang.map(Into::into))?;
    core_in(tsi_core::documents::validate_policy(&document_arg(&policy, "policy")?, lang), lang)
}

/// Whether a thrown value is a tsi error (has `name === "TsiError"` and a `code`).
#[wasm_bindgen(js_name = isTsiError, unchecked_return_type = "value is TsiError")]
pub fn is_tsi_error(#[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue) -> bool {
    let get = |key: &str| js_sys::Reflect::get(&value, &JsValue::from_str(key)).ok();
    value.is_object()
        && get("name").and_then(|n| n.as_string()).as_deref() == Some("TsiError")
        && get("code").is_some_and(|c| c.is_string())
}

/// May `request.from` share `request.category` with `request.to` now (R-CN-4)? Returns the
/// decision, its basis or every missing piece, and the audit record chained to
/// `options.auditPrev`. Paths point into `{ case, request }`.
#[wasm_bindgen(js_name = mayShare, unchecked_return_type = "ShareDecision")]
pub fn may_share(case: CaseArg, request: RequestArg, options: Option<RecordOptionsArg>) -> JsResult {
    let (o, record) = record_options(options)?;
    may_share_under(o.policy(), &case, &request, &o, record)
}

/// `mayShare` under a policy given or prepared.
fn may_share_under(
    policy: &tsi_core::Policy,
    case: &JsValue,
    request: &JsValue,
    o: &Options,
    record: RecordAs,
) -> JsResult {
    let case = document_arg(case, "case")?;
    let request = document_arg(request, "request")?;
    let decision =
        tsi_core::documents::may_share(&case, &request, o.audit_prev.as_deref(), o.audit_key.as_ref(), policy, o.lang);
    decision_out(decision, record, o.lang)
}

/// How the audit record of a decision or an event comes back (the option `audit`).
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum RecordAs {
    /// `true` (the default): an object.
    Object,
    /// `"json"`: its JSON text, as the native bindings' `audit_json` — what a journal stores and
    /// passes as the next `auditPrev`, not made into an object on the way (#30).
    Json,
}

/// The option `audit` of a call that makes one audit record. `false` is refused: every decision
/// and every event has its record (R-AU-1).
pub(crate) fn record_as(raw: Option<&JsValue>) -> Result<RecordAs, JsValue> {
    object_or_text(raw, "audit", "true or \"json\": every decision and event has its audit record")
}

/// An option that is `true` (the default: an object) or `"json"` (its JSON text); `false` is
/// refused, saying why (`refused`).
fn object_or_text(raw: Option<&JsValue>, key: &'static str, refused: &str) -> Result<RecordAs, JsValue> {
    match as_chosen(raw, key)? {
        Chosen::Objects => Ok(RecordAs::Object),
        Chosen::Json => Ok(RecordAs::Json),
        Chosen::None => {
            Err(to_js_error(&Error::new(Code::JsonInvalidValue, format!("/options/{key}")).param("expected", refused)))
        }
    }
}

/// The options of a call that makes one audit record, and how the record comes back.
fn record_options(options: Option<RecordOptionsArg>) -> Result<(Options, RecordAs), JsValue> {
    let raw: Option<JsValue> = options.map(Into::into);
    Ok((options_arg(raw.clone())?, record_as(raw.as_ref())?))
}

/// [`record_options`] of a call whose policy was prepared: a `policy` among them is refused.
pub(crate) fn prepared_record_options(
    options: Option<PreparedRecordOptionsArg>,
) -> Result<(Options, RecordAs), JsValue> {
    let raw: Option<JsValue> = options.map(Into::into);
    Ok((options_without_policy(raw.clone())?, record_as(raw.as_ref())?))
}

/// A decision as JS: its audit record an object or one JSON text.
fn decision_out(
    decision: Result<tsi_core::documents::AuditedDecision, Error>,
    record: RecordAs,
    lang: Lang,
) -> JsResult {
    let decision = decision.map_err(|e| to_js_error_in(&e, lang))?;
    if record == RecordAs::Object {
        return to_js(&decision);
    }
    /// The decision's members before its record, in the order serde writes them.
    #[derive(Serialize)]
    struct Bare<'a> {
        allowed: bool,
        basis: &'a Option<tsi_core::consent::decide::Basis>,
        reasons: &'a [tsi_core::finding::Finding],
    }
    let js = to_js(&Bare { allowed: decision.allowed, basis: &decision.basis, reasons: &decision.reasons })?;
    with_record_text(js, &decision.audit)
}

/// `js` with the member `audit`, the record's (or records') JSON text, set last (where serde
/// writes it).
pub(crate) fn with_record_text<T: Serialize>(js: JsValue, record: &T) -> JsResult {
    with_json_text(js, "audit", record)
}

/// `js` with the member `name` set to the JSON text of `value`.
fn with_json_text<T: Serialize>(js: JsValue, name: &'static str, value: &T) -> JsResult {
    // Setting a member of a plain object just made cannot fail; ignore the Result for no-panic.
    let _ = js_sys::Reflect::set(&js, &names::js_name(name), &json_text(value)?);
    Ok(js)
}

/// A value (a record, records, a case) as one JS string of its JSON text.
pub(crate) fn json_text<T: Serialize>(record: &T) -> JsResult {
    Ok(JsValue::from_str(&out::to_text(record)?))
}

/// The sharing matrix (#29): what `request.from` may share, for `request.purpose` at
/// `request.at`, with every other agency of the case in every category — each cell exactly the
/// `mayShare` decision — with when each consent basis lapses, what expires first, and one
/// audit record chained to `options.auditPrev`.
#[wasm_bindgen(js_name = sharingMatrix, unchecked_return_type = "SharingMatrix")]
pub fn sharing_matrix(case: CaseArg, request: MatrixRequestArg, options: Option<RecordOptionsArg>) -> JsResult {
    let (o, record) = record_options(options)?;
    let case = document_arg(&case, "case")?;
    let request = document_arg(&request, "request")?;
    tsi_core::documents::sharing_matrix(
        &case,
        &request,
        o.audit_prev.as_deref(),
        o.audit_key.as_ref(),
        o.policy(),
        o.lang,
    )
    .map_err(|e| to_js_error_in(&e, o.lang))
    .and_then(|m| matrix::matrix_to_js(&m, record))
}

/// What would make a denied question allowed: the consent to ask for (a complete draft record,
/// given by everyone R-CN-3 requires), a recorded consent to wait for, or what no consent can
/// fix (`blocked`). No audit record: nothing is shared.
#[wasm_bindgen(unchecked_return_type = "Remedies")]
pub fn remedies(case: CaseArg, request: RequestArg, options: Option<CheckOptionsArg>) -> JsResult {
    let o = options_arg(options.map(Into::into))?;
    let case = document_arg(&case, "case")?;
    let request = document_arg(&request, "request")?;
    core_in(tsi_core::documents::remedies(&case, &request, o.policy(), o.lang), o.lang)
}

/// The consent to ask the family for before a planned meeting or sharing: the draft record
/// (every giver R-CN-3 requires in the period), the birthdays inside the period that change
/// whose consent is needed, `covered` when the recorded consents already allow all of it, or
/// what no consent can fix (`blocked`).
#[wasm_bindgen(js_name = planConsent, unchecked_return_type = "ConsentPlan")]
pub fn plan_consent(case: CaseArg, plan: PlanArg, options: Option<CheckOptionsArg>) -> JsResult {
    let o = options_arg(options.map(Into::into))?;
    let case = document_arg(&case, "case")?;
    let plan = document_arg(&plan, "plan")?;
    core_in(tsi_core::documents::plan_consent(&case, &plan, o.policy(), o.lang), o.lang)
}

/// The printable consent form (HTML with print CSS, in `options.lang`) of a plan's consent: the
/// parties, the information in words, why, for how long, the right to withdraw, one signature
/// block per giver; names and numbers are blanks. Throws `CONSENT_PLAN_NOTHING_TO_SIGN` when the
/// plan has no consent to ask for.
#[wasm_bindgen(js_name = consentForm, unchecked_return_type = "string")]
pub fn consent_form(case: CaseArg, plan: PlanArg, options: Option<CheckOptionsArg>) -> JsResult {
    let o = options_arg(options.map(Into::into))?;
    let case = document_arg(&case, "case")?;
    let plan = document_arg(&plan, "plan")?;
    core_in(tsi_core::documents::consent_form(&case, &plan, o.policy(), o.lang), o.lang)
}

/// Checks a sharing case's records at an instant (R-CN-1, R-CN-2, R-CN-5, R-CN-6, R-ID-3).
#[wasm_bindgen(js_name = validateSharingCase, unchecked_return_type = "Report")]
pub fn validate_sharing_case(case: CaseArg, at: InstantArg, options: Option<CheckOptionsArg>) -> JsResult {
    let o = options_arg(options.map(Into::into))?;
    let at = instant_arg(&at, "at")?;
    core_in(tsi_core::documents::validate_sharing_case(&document_arg(&case, "case")?, &at, o.policy(), o.lang), o.lang)
}

/// Checks a de-identified summary before a consultation without consent (R-DI-1).
#[wasm_bindgen(js_name = checkDeidentified, unchecked_return_type = "Report")]
pub fn check_deidentified(summary: SummaryArg, options: Option<CheckOptionsArg>) -> JsResult {
    let o = options_arg(options.map(Into::into))?;
    core_in(tsi_core::documents::check_deidentified(&document_arg(&summary, "summary")?, o.policy(), o.lang), o.lang)
}

/// Verifies a hash-chained audit log and names the first broken link (R-AU-1). Without
/// `anchor` the log must start at genesis; with it, it must follow the record of that hash.
#[wasm_bindgen(js_name = verifyAuditChain, unchecked_return_type = "ChainReport")]
pub fn verify_audit_chain(records: RecordsArg, lang: Option<LangArg>, anchor: Option<String>) -> JsResult {
    let lang = lang_arg(lang.map(Into::into))?;
    let text = document_arg(&records, "records")?;
    core(tsi_core::documents::verify_audit_chain(
        &text,
        anchor.as_deref(),
        tsi_core::Policy::default().max_input_bytes(),
        lang,
    ))
}

/// Validates a SIP and reports every finding with a JSON Pointer into it (R-SP-0 … R-SP-6).
#[wasm_bindgen(js_name = validateSip, unchecked_return_type = "Report")]
pub fn validate_sip(plan: SipArg, options: Option<CheckOptionsArg>) -> JsResult {
    let o = options_arg(options.map(Into::into))?;
    core_in(tsi_core::documents::validate_sip(&document_arg(&plan, "sip")?, o.policy(), o.lang), o.lang)
}

/// A plain-language summary of a SIP for the family (R-SP-7).
#[wasm_bindgen(js_name = sipSummary)]
pub fn sip_summary(plan: SipArg, options: Option<CheckOptionsArg>) -> Result<String, JsValue> {
    let o = options_arg(options.map(Into::into))?;
    tsi_core::documents::sip_summary(&document_arg(&plan, "sip")?, o.policy(), o.lang)
        .map_err(|e| to_js_error_in(&e, o.lang))
}

/// Whether a SIP is indicated: interventions from both social services and health care (R-SP-0).
#[wasm_bindgen(js_name = sipIndicated)]
pub fn sip_indicated(agencies: AgenciesArg, responsible: IdsArg) -> Result<bool, JsValue> {
    let ids: Vec<String> = js_sys::Array::is_array(&responsible)
        .then(|| js_sys::Array::from(&responsible).iter().map(|v| v.as_string()).collect::<Option<Vec<_>>>())
        .flatten()
        .ok_or_else(|| wrong_type("responsible", "an array of strings"))?;
    let text = document_arg(&agencies, "agencies")?;
    tsi_core::documents::sip_indicated(&text, &ids, &tsi_core::Policy::default()).map_err(|e| to_js_error(&e))
}

/// A case argument that may be null or undefined (before Raise).
fn optional_document(value: &JsValue, arg: &str) -> Result<Option<String>, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    document_arg(value, arg).map(Some)
}

/// Applies one event to a case (R-CP-8). A refused event throws a TsiError whose `params`
/// hold the `state` and `event`; the case you hold is unchanged.
#[wasm_bindgen(js_name = applyCaseEvent, unchecked_return_type = "Applied")]
pub fn apply_case_event(case_value: CaseStateArg, entry: EntryArg, options: Option<CheckOptionsArg>) -> JsResult {
    let o = options_arg(options.map(Into::into))?;
    let case_text = optional_document(&case_value, "case")?;
    core_in(
        tsi_core::documents::apply_case_event(
            case_text.as_deref(),
            &document_arg(&entry, "entry")?,
            o.policy(),
            o.lang,
        ),
        o.lang,
    )
}

/// Applies one event and makes its audit record, applied or refused (R-AU-1): a refusal is
/// returned (`applied: false`, `refusal`), not thrown. `options.auditPrev` is the previous record.
#[wasm_bindgen(js_name = recordCaseEvent, unchecked_return_type = "RecordedStep")]
pub fn record_case_event(case_value: CaseStateArg, entry: EntryArg, options: Option<RecordOptionsArg>) -> JsResult {
    let (o, record) = record_options(options)?;
    let case_text = optional_document(&case_value, "case")?;
    let step = tsi_core::documents::record_case_event(
        case_text.as_deref(),
        &document_arg(&entry, "entry")?,
        o.audit_prev.as_deref(),
        o.audit_key.as_ref(),
        o.policy(),
        o.lang,
    )
    .map_err(|e| to_js_error_in(&e, o.lang))?;
    if record == RecordAs::Object {
        return to_js(&step);
    }
    /// The step's members before its record, in the order serde writes them.
    #[derive(Serialize)]
    struct Bare<'a> {
        applied: bool,
        case: &'a Option<tsi_core::case::Case>,
        warnings: &'a [tsi_core::finding::Finding],
        refusal: &'a Option<tsi_core::case::TransitionError>,
    }
    let bare = Bare { applied: step.applied, case: &step.case, warnings: &step.warnings, refusal: &step.refusal };
    with_record_text(to_js(&bare)?, &step.audit)
}

/// Replays a case log: the case, allowed events, due actions (at `options.at`), warnings, audit.
#[wasm_bindgen(js_name = replayCase, unchecked_return_type = "CaseView")]
pub fn replay_case(log: LogArg, options: Option<CaseOptionsArg>) -> JsResult {
    let raw: Option<JsValue> = options.map(Into::into);
    let o = options_arg(raw.clone())?;
    replay_under(o.policy(), &log, raw.as_ref(), &o)
}

/// How a member of a result comes back, as an option chose it (`audit`, `case`): `true` or
/// absent, `"json"` or `false`. For a replay's records: an array of record objects, one JSON
/// text of the array as the native bindings' `audit_json` (#30: ten thousand records made as
/// objects were a quarter of a replay from JS), or none made.
#[derive(Clone, Copy, PartialEq)]
enum Chosen {
    /// `true` (the default): as objects.
    Objects,
    /// `"json"`: as one JSON text.
    Json,
    /// `false`: not at all.
    None,
}

/// An option that is a boolean or `"json"` (absent: `true`).
fn as_chosen(raw: Option<&JsValue>, key: &'static str) -> Result<Chosen, JsValue> {
    let Some(chosen) = raw.map(|r| member_of(r, key)).transpose()?.flatten() else {
        return Ok(Chosen::Objects);
    };
    match (chosen.as_bool(), chosen.as_string().as_deref()) {
        (Some(true), _) => Ok(Chosen::Objects),
        (Some(false), _) => Ok(Chosen::None),
        (_, Some("json")) => Ok(Chosen::Json),
        _ => Err(wrong_type(&format!("options/{key}"), "a boolean or \"json\"")),
    }
}

/// The option `case` of `replayCase`: `true` (the default) the case as an object, `"json"` its
/// JSON text — what a journal stores and later passes to `PreparedCase` or `dueActions`, which
/// read `Case | string` (#30: the 2 000 needs and interventions of a 10 004-event log made into
/// objects were an eighth of the replay from JS, and stored, they are written as text again).
fn case_as_text(raw: Option<&JsValue>) -> Result<bool, JsValue> {
    Ok(object_or_text(raw, "case", "true or \"json\": a replay always returns its case")? == RecordAs::Json)
}

/// `replayCase` under a policy given or prepared; `raw` holds the options `at`, `audit` and
/// `case`.
fn replay_under(policy: &tsi_core::Policy, log: &JsValue, raw: Option<&JsValue>, o: &Options) -> JsResult {
    let at = raw.and_then(|r| member(r, "at")).map(|a| instant_arg(&a, "at")).transpose()?;
    let audit = as_chosen(raw, "audit")?;
    let case_text = case_as_text(raw)?;
    let log = document_arg(log, "log")?;
    let made = audit != Chosen::None;
    let view =
        tsi_core::documents::replay_case_choosing_audit(&log, at.as_ref(), made, o.audit_key.as_ref(), policy, o.lang)
            .map_err(|e| to_js_error_in(&e, o.lang))?;
    // The members given as text are written `null` first, so that each keeps its place (one
    // writer for every choice: `CaseView`'s own would be a second, +1 KB of wasm).
    let records = (audit == Chosen::Json).then_some(&view.audit);
    let out = to_js(&ViewOut {
        case: (!case_text).then_some(&view.case),
        allowed_events: &view.allowed_events,
        due_actions: &view.due_actions,
        warnings: &view.warnings,
        audit: if records.is_some() { None } else { Some(&view.audit) },
    })?;
    let out = if case_text { with_json_text(out, "case", &view.case)? } else { out };
    match records {
        Some(records) => with_record_text(out, records),
        None => Ok(out),
    }
}

/// A replay's view with members to be set as JSON text written `null`.
#[derive(Serialize)]
struct ViewOut<'a> {
    case: Option<&'a tsi_core::case::Case>,
    allowed_events: &'a [tsi_core::case::EventKind],
    due_actions: &'a [tsi_core::case::due::DueAction],
    warnings: &'a [tsi_core::finding::Finding],
    audit: Option<&'a Vec<tsi_core::audit::AuditRecord>>,
}

/// Whether an audit record was made of `subject` (the request of a decision, the `{ctx, event}`
/// entry of a case event) under `key`: the proof of content the keyed digest gives the key's
/// holder (R-AU-1).
#[wasm_bindgen(js_name = auditProves)]
pub fn audit_proves(
    #[wasm_bindgen(unchecked_param_type = "AuditRecord | string")] record: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ShareRequest | LogEntry | string")] subject: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AuditKey | string")] key: JsValue,
) -> Result<bool, JsValue> {
    let record = document_arg(&record, "record")?;
    let subject = document_arg(&subject, "subject")?;
    let key = document_arg(&key, "audit_key")?;
    tsi_core::documents::audit_proves(&record, &subject, &key).map_err(|e| to_js_error(&e))
}

/// The events allowed next (`["Raise"]` for null).
#[wasm_bindgen(js_name = allowedEvents, unchecked_return_type = "EventKind[]")]
pub fn allowed_events(case_value: CaseStateArg) -> JsResult {
    let text = optional_document(&case_value, "case")?;
    core(tsi_core::documents::allowed_events(text.as_deref(), &tsi_core::Policy::default()))
}

/// What is due or overdue in a case at `now` (R-CP-9).
#[wasm_bindgen(js_name = dueActions, unchecked_return_type = "DueAction[]")]
pub fn due_actions(case_value: CaseStateArg, now: InstantArg, options: Option<CheckOptionsArg>) -> JsResult {
    let o = options_arg(options.map(Into::into))?;
    let now = instant_arg(&now, "now")?;
    core_in(tsi_core::documents::due_actions(&document_arg(&case_value, "case")?, &now, o.policy(), o.lang), o.lang)
}

/// The next `n` fixed meeting slots after an instant (R-MT-1), in the policy's time zone.
#[wasm_bindgen(js_name = nextSlots, unchecked_return_type = "Instant[]")]
pub fn next_slots(
    schedule: ScheduleArg,
    after: InstantArg,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    options: Option<CheckOptionsArg>,
) -> JsResult {
    let o = options_arg(options.map(Into::into))?;
    let after = instant_arg(&after, "after")?;
    let n = count_arg(&n, "n", meeting::MAX_SLOTS)?;
    core(tsi_core::documents::next_slots(&document_arg(&schedule, "schedule")?, &after, u64::from(n), o.policy()))
}

/// A whole number `0..=max`: NaN, fractions, negatives, strings, objects, BigInt and Symbol are
/// coded errors, never coerced (wasm-bindgen would turn NaN or `{}` into 0).
fn count_arg(value: &JsValue, arg: &str, max: usize) -> Result<u32, JsValue> {
    let n = value.as_f64().filter(|n| n.fract() == 0.0 && *n >= 0.0);
    let limit = u32::try_from(max).unwrap_or(u32::MAX);
    match n {
        // A whole non-negative f64 within u32's range converts exactly.
        Some(n) if n <= f64::from(limit) => Ok(n as u32),
        Some(_) => Err(to_js_error(&Error::new(Code::LimitExceeded, format!("/{arg}")).param("limit", max))),
        None => Err(wrong_type(arg, "a whole number of 0 or more")),
    }
}

/// The agenda of a slot built from many cases (R-MT-1).
#[wasm_bindgen(unchecked_return_type = "Agenda")]
pub fn agenda(cases: CasesArg, slot: InstantArg, options: Option<CheckOptionsArg>) -> JsResult {
    let o = options_arg(options.map(Into::into))?;
    let slot = instant_arg(&slot, "slot")?;
    core(tsi_core::documents::agenda(&document_arg(&cases, "cases")?, &slot, o.policy()))
}

/// The case process as a Mermaid state diagram, generated from the transition table.
#[wasm_bindgen(js_name = caseDiagram)]
pub fn case_diagram() -> String {
    case::mermaid()
}

fn instant_arg(value: &JsValue, arg: &str) -> Result<Instant, JsValue> {
    Instant::parse_arg(&string_arg(value, arg)?, arg).map_err(|e| to_js_error(&e))
}

/// Checks follow-up measures (R-FU-1): range errors name the item; then problematic absence
/// and a low alliance as warnings (R-FU-3).
#[wasm_bindgen(js_name = validateMeasures, unchecked_return_type = "Report")]
pub fn validate_measures(measures: MeasuresArg, options: Option<CheckOptionsArg>) -> JsResult {
    let o = options_arg(options.map(Into::into))?;
    core_in(tsi_core::documents::validate_measures(&document_arg(&measures, "measures")?, o.policy(), o.lang), o.lang)
}

/// The change between two measurements of one child (R-FU-2, R-FU-3).
#[wasm_bindgen(js_name = classifyChange, unchecked_return_type = "ChangeAnswer")]
pub fn classify_change(question: ChangeQuestionArg, options: Option<CheckOptionsArg>) -> JsResult {
    let o = options_arg(options.map(Into::into))?;
    core(tsi_core::documents::classify_change(&document_arg(&question, "question")?, o.policy()))
}

/// A sharing case read and checked once, then asked many questions (#30): `mayShare` and
/// `remedies` read only the request, and answer exactly as the one-shot functions do (audit
/// record included). Immutable; `free()` releases it.
#[wasm_bindgen]
pub struct PreparedSharingCase {
    inner: tsi_core::documents::PreparedSharingCase,
}

/// The options of a question to a prepared case; a `policy` among them is refused, since the
/// case was prepared under its own.
fn prepared_options(options: Option<PreparedShareOptionsArg>) -> Result<Options, JsValue> {
    options_without_policy(options.map(Into::into))
}

/// The options of a call whose policy was prepared: a `policy` among them is refused.
fn options_without_policy(raw: Option<JsValue>) -> Result<Options, JsValue> {
    if let Some(o) = raw.as_ref().filter(|o| o.is_object()) {
        if member_of(o, "policy")?.is_some() {
            return Err(to_js_error(&Error::new(Code::JsonUnknownField, "/options/policy")));
        }
    }
    options_arg(raw)
}

impl PreparedSharingCase {
    /// Reads and checks `case` under `policy`.
    fn under(policy: tsi_core::Policy, case: &JsValue, lang: Lang) -> Result<PreparedSharingCase, JsValue> {
        let inner = tsi_core::documents::PreparedSharingCase::new(&document_arg(case, "case")?, policy)
            .map_err(|e| to_js_error_in(&e, lang))?;
        Ok(PreparedSharingCase { inner })
    }
}

#[wasm_bindgen]
impl PreparedSharingCase {
    /// Reads and checks the case (paths under `/case`) under `options.policy`.
    #[wasm_bindgen(constructor)]
    pub fn new(case: CaseArg, options: Option<CheckOptionsArg>) -> Result<PreparedSharingCase, JsValue> {
        let o = options_arg(options.map(Into::into))?;
        let lang = o.lang;
        PreparedSharingCase::under(o.into_policy(), &case, lang)
    }

    /// `mayShare` of this case: the decision, its basis or every missing piece, and the audit
    /// record chained to `options.auditPrev`.
    #[wasm_bindgen(js_name = mayShare, unchecked_return_type = "ShareDecision")]
    pub fn may_share(&self, request: RequestArg, options: Option<PreparedRecordOptionsArg>) -> JsResult {
        let (o, record) = prepared_record_options(options)?;
        let request = document_arg(&request, "request")?;
        let decision = self.inner.may_share(&request, o.audit_prev.as_deref(), o.audit_key.as_ref(), o.lang);
        decision_out(decision, record, o.lang)
    }

    /// `sharingMatrix` of this case: every cell and one audit record chained to
    /// `options.auditPrev`.
    #[wasm_bindgen(js_name = sharingMatrix, unchecked_return_type = "SharingMatrix")]
    pub fn sharing_matrix(&self, request: MatrixRequestArg, options: Option<PreparedRecordOptionsArg>) -> JsResult {
        let (o, record) = prepared_record_options(options)?;
        let request = document_arg(&request, "request")?;
        let matrix = self.inner.sharing_matrix(&request, o.audit_prev.as_deref(), o.audit_key.as_ref(), o.lang);
        matrix.map_err(|e| to_js_error_in(&e, o.lang)).and_then(|m| matrix::matrix_to_js(&m, record))
    }

    /// `remedies` of this case: what would make a denied question allowed.
    #[wasm_bindgen(unchecked_return_type = "Remedies")]
    pub fn remedies(&self, request: RequestArg, options: Option<PreparedShareOptionsArg>) -> JsResult {
        let o = prepared_options(options)?;
        core_in(self.inner.remedies(&document_arg(&request, "request")?, o.lang), o.lang)
    }
}

/// A case (its state value) read once, then asked what may come next and what is due, and given
/// one event at a time (#30): `record` answers as `recordCaseEvent` and returns the next prepared
/// case with the step, so the case is not carried across the boundary each event (ask `case`
/// when you need it). Immutable; `free()` releases it.
#[wasm_bindgen]
pub struct PreparedCase {
    inner: tsi_core::documents::PreparedCase,
}

/// A step without its case: the case stays inside the next prepared case. Its record is
/// written with it, or set after as its JSON text (`audit: "json"`).
#[derive(serde::Serialize)]
struct StepOut<'a> {
    applied: bool,
    warnings: &'a [tsi_core::finding::Finding],
    refusal: &'a Option<tsi_core::case::TransitionError>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audit: Option<&'a tsi_core::audit::AuditRecord>,
}

impl PreparedCase {
    /// Reads the case value (`None`, `null` or `undefined` before Raise) under `policy`.
    fn under(policy: tsi_core::Policy, case_value: Option<JsValue>, lang: Lang) -> Result<PreparedCase, JsValue> {
        let text = match case_value {
            Some(value) => optional_document(&value, "case")?,
            None => None,
        };
        let inner =
            tsi_core::documents::PreparedCase::new(text.as_deref(), policy).map_err(|e| to_js_error_in(&e, lang))?;
        Ok(PreparedCase { inner })
    }
}

#[wasm_bindgen]
impl PreparedCase {
    /// Reads the case (`null` or absent before Raise; paths under `/case`) under `options.policy`.
    #[wasm_bindgen(constructor)]
    pub fn new(case_value: Option<CaseStateArg>, options: Option<CheckOptionsArg>) -> Result<PreparedCase, JsValue> {
        let o = options_arg(options.map(Into::into))?;
        let lang = o.lang;
        PreparedCase::under(o.into_policy(), case_value.map(Into::into), lang)
    }

    /// The case (`null` before Raise), written out only when asked for.
    #[wasm_bindgen(getter, unchecked_return_type = "Case | null")]
    pub fn case(&self) -> JsResult {
        to_js(&self.inner.case())
    }

    /// The events allowed next (R-CP-8).
    #[wasm_bindgen(js_name = allowedEvents, unchecked_return_type = "EventKind[]")]
    pub fn allowed_events(&self) -> JsResult {
        to_js(&self.inner.allowed_events())
    }

    /// What is due or overdue at `now` (R-CP-9); nothing before Raise.
    #[wasm_bindgen(js_name = dueActions, unchecked_return_type = "DueAction[]")]
    pub fn due_actions(&self, now: InstantArg, options: Option<PreparedShareOptionsArg>) -> JsResult {
        let o = prepared_options(options)?;
        to_js(&self.inner.due_actions(&instant_arg(&now, "now")?, o.lang))
    }

    /// `recordCaseEvent` of this case: the step (applied or refused, warnings, refusal, audit
    /// record chained to `options.auditPrev`) and `next`, the prepared case after it.
    #[wasm_bindgen(unchecked_return_type = "PreparedStep")]
    pub fn record(&self, entry: EntryArg, options: Option<PreparedRecordOptionsArg>) -> JsResult {
        let (o, record) = prepared_record_options(options)?;
        let entry = document_arg(&entry, "entry")?;
        let prepared = self
            .inner
            .record(&entry, o.audit_prev.as_deref(), o.audit_key.as_ref(), o.lang)
            .map_err(|e| to_js_error_in(&e, o.lang))?;
        let step = &prepared.step;
        let as_object = (record == RecordAs::Object).then_some(&step.audit);
        let out = to_js(&StepOut {
            applied: step.applied,
            warnings: &step.warnings,
            refusal: &step.refusal,
            audit: as_object,
        })?;
        let out = if as_object.is_some() { out } else { with_record_text(out, &step.audit)? };
        js_sys::Reflect::set(&out, &names::js_name("next"), &JsValue::from(PreparedCase { inner: prepared.next }))?;
        Ok(out)
    }
}

/// Statistics over case logs, one log at a time (R-ST-1): `add` each log, `merge` with the
/// accumulator of another municipality, `publish` with suppression (R-ST-3).
#[wasm_bindgen]
pub struct StatsAccumulator {
    aggregate: Aggregate,
    policy: tsi_core::Policy,
}

#[wasm_bindgen]
impl StatsAccumulator {
    /// An empty accumulator describing the instant `at` (events after it are left out).
    #[wasm_bindgen(constructor)]
    pub fn new(at: InstantArg, options: Option<StatsOptionsArg>) -> Result<StatsAccumulator, JsValue> {
        let o = options_arg(options.map(Into::into))?;
        let at = instant_arg(&at, "at")?;
        Ok(StatsAccumulator { aggregate: Aggregate::new(at, o.policy()), policy: o.into_policy() })
    }

    /// Continues from a partial aggregate (its counts must add up).
    #[wasm_bindgen(js_name = fromPartial)]
    pub fn from_partial(partial: PartialArg, options: Option<StatsOptionsArg>) -> Result<StatsAccumulator, JsValue> {
        let o = options_arg(options.map(Into::into))?;
        let aggregate = tsi_core::documents::partial_aggregate(&document_arg(&partial, "partial")?, o.policy())
            .map_err(|e| to_js_error(&e))?;
        Ok(StatsAccumulator { aggregate, policy: o.into_policy() })
    }

    /// Counts one case log; returns `undefined`, or the code of why the log was skipped.
    #[wasm_bindgen(unchecked_return_type = "string | undefined")]
    pub fn add(&mut self, log: LogArg) -> Result<JsValue, JsValue> {
        let text = document_arg(&log, "log")?;
        Ok(match tsi_core::documents::add_case_log(&mut self.aggregate, &text, &self.policy) {
            Ok(()) => JsValue::UNDEFINED,
            Err(e) => JsValue::from_str(e.code().as_str()),
        })
    }

    /// The aggregate of both (same instant and policy); neither accumulator changes.
    pub fn merge(&self, other: &StatsAccumulator) -> Result<StatsAccumulator, JsValue> {
        let aggregate = self.aggregate.merge(&other.aggregate).map_err(|e| to_js_error(&e))?;
        Ok(StatsAccumulator { aggregate, policy: self.policy.clone() })
    }

    /// The unpublished partial aggregate (no ids, not suppressed: keep it inside).
    #[wasm_bindgen(unchecked_return_type = "StatsPartial")]
    pub fn partial(&self) -> JsResult {
        to_js(&self.aggregate)
    }

    /// Cases counted so far.
    #[wasm_bindgen(getter)]
    pub fn cases(&self) -> f64 {
        // Counts stay far below 2^53.
        self.aggregate.cases as f64
    }

    /// Publishes with suppression below `minCell` (the policy's `min_cell` if absent; never below
    /// it: `ARGUMENT_OUT_OF_RANGE`).
    #[wasm_bindgen(unchecked_return_type = "Published")]
    pub fn publish(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number | undefined")] min_cell: JsValue,
        lang: Option<LangArg>,
    ) -> JsResult {
        let lang = lang_arg(lang.map(Into::into))?;
        let min_cell = if min_cell.is_undefined() || min_cell.is_null() {
            None
        } else {
            Some(count_arg(&min_cell, "minCell", u32::MAX as usize)?)
        };
        core_in(self.aggregate.publish(&self.policy, min_cell, lang), lang)
    }
}
