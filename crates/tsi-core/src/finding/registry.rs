// The registry of codes, one entry per code: variant = "TEXT", kind, rule, sv: …, en: ….
// Read by the `codes!` macro of src/finding.rs, and by the one of crates/tsi-ffi (which
// mirrors `Code` as an enum for Kotlin, Swift and Python): written once, read twice.
codes! {
    // ---- Input documents (SPEC §9)
    /// The input is empty.
    InputEmpty = "INPUT_EMPTY", E, "§9",
        sv: "Indata är tom.",
        en: "The input is empty.";
    /// The file does not exist.
    FileNotFound = "FILE_NOT_FOUND", E, "§9",
        sv: "Filen finns inte.",
        en: "The file does not exist.";
    /// The name given is a directory, not a file.
    FileIsDirectory = "FILE_IS_DIRECTORY", E, "§9",
        sv: "Det angivna namnet är en katalog, inte en fil.",
        en: "The name given is a directory, not a file.";
    /// The file cannot be read (permissions, device errors).
    FileUnreadable = "FILE_UNREADABLE", E, "§9",
        sv: "Filen kan inte läsas.",
        en: "The file cannot be read.";
    /// The input is not UTF-8 text.
    InputNotUtf8 = "INPUT_NOT_UTF8", E, "§9",
        sv: "Indata är inte text i UTF-8.",
        en: "The input is not UTF-8 text.";
    /// The input is larger than the policy allows.
    InputTooLarge = "INPUT_TOO_LARGE", E, "§9",
        sv: "Indata är {size} byte, mer än gränsen {limit} byte.",
        en: "The input is {size} bytes, more than the limit of {limit} bytes.";
    /// The input is not well-formed JSON.
    JsonSyntax = "JSON_SYNTAX", E, "§9",
        sv: "Ogiltig JSON på rad {line}, kolumn {column}.",
        en: "Invalid JSON at line {line}, column {column}.";
    /// The JSON nests deeper than the parser allows.
    JsonTooDeep = "JSON_TOO_DEEP", E, "§9",
        sv: "JSON är för djupt nästlad (rad {line}, kolumn {column}).",
        en: "The JSON is nested too deeply (line {line}, column {column}).";
    /// A value has the wrong JSON type.
    JsonWrongType = "JSON_WRONG_TYPE", E, "§9",
        sv: "Fel typ på värdet i {subject}: förväntade {expected}.",
        en: "Wrong type of value in {subject}: expected {expected}.";
    /// A value has the right type but is not allowed.
    JsonInvalidValue = "JSON_INVALID_VALUE", E, "§9",
        sv: "Otillåtet värde i {subject}: förväntade {expected}.",
        en: "Value not allowed in {subject}: expected {expected}.";
    /// A field that the schema does not know (typos must not pass silently).
    JsonUnknownField = "JSON_UNKNOWN_FIELD", E, "§9",
        sv: "Ett okänt fält i {subject}. Egna uppgifter hör hemma i tilläggsobjektet ext.",
        en: "An unknown field in {subject}. Data of your own belongs in the extension object ext.";
    /// The same key appears twice in one object (readers would disagree on which wins).
    JsonDuplicateField = "JSON_DUPLICATE_FIELD", E, "§9",
        sv: "Ett fält i {subject} förekommer mer än en gång.",
        en: "A field in {subject} appears more than once.";
    /// A required field is absent.
    JsonMissingField = "JSON_MISSING_FIELD", E, "§9",
        sv: "Ett obligatoriskt fält saknas i {within}.",
        en: "A required field is missing in {within}.";
    /// The document's schema_version is not one this library reads.
    SchemaVersionUnsupported = "SCHEMA_VERSION_UNSUPPORTED", E, "§9",
        sv: "Dokumentets version stöds inte; det här biblioteket läser version {supported}.",
        en: "The document's version is not supported; this library reads version {supported}.";
    /// A date is not an ISO 8601 calendar date (YYYY-MM-DD) between years 1800 and 9999.
    DateInvalid = "DATE_INVALID", E, "§9",
        sv: "{field} är inte ett datum på formen ÅÅÅÅ-MM-DD mellan år 1800 och 9999.",
        en: "{field} is not a date of the form YYYY-MM-DD between the years 1800 and 9999.";
    /// A command-line or call argument is outside its range.
    ArgumentOutOfRange = "ARGUMENT_OUT_OF_RANGE", E, "§9",
        sv: "{field} måste vara mellan {min} och {max}.",
        en: "{field} must be between {min} and {max}.";
    /// A command-line argument needs another one.
    ArgumentMissing = "ARGUMENT_MISSING", E, "§9",
        sv: "{field} behövs här.",
        en: "{field} is needed here.";
    /// A command-line argument the command does not take (named by position, never repeated).
    ArgumentUnknown = "ARGUMENT_UNKNOWN", E, "§9",
        sv: "Argument nummer {position} hör inte till kommandot; se --help.",
        en: "Argument number {position} is not one this command takes; see --help.";
    /// A command-line argument with a value it does not allow (the value is never repeated).
    ArgumentInvalid = "ARGUMENT_INVALID", E, "§9",
        sv: "Värdet av {field} är inte tillåtet här; se --help.",
        en: "The value of {field} is not allowed here; see --help.";
    /// An output file cannot be written.
    FileNotWritable = "FILE_NOT_WRITABLE", E, "§9",
        sv: "Filen kan inte skrivas.",
        en: "The file cannot be written.";
    /// A JavaScript object used after `free()` released it.
    ObjectFreed = "OBJECT_FREED", E, "§9",
        sv: "Objektet har frigjorts och kan inte användas längre.",
        en: "This object was released and cannot be used any more.";
    /// Standard output cannot be written (a full disk, a device error).
    OutputNotWritable = "OUTPUT_NOT_WRITABLE", E, "§9",
        sv: "Utdata kan inte skrivas (full disk eller fel på enheten).",
        en: "The output cannot be written (a full disk or a device error).";
    /// An instant is not RFC 3339 with an offset.
    InstantInvalid = "INSTANT_INVALID", E, "§9",
        sv: "{field} är inte en tidpunkt enligt RFC 3339 med tidszon, t.ex. 2026-11-23T10:00:00+01:00.",
        en: "{field} is not an RFC 3339 instant with offset, e.g. 2026-11-23T10:00:00+01:00.";
    /// A language tag other than `sv` or `en`.
    LangUnknown = "LANG_UNKNOWN", E, "§9",
        sv: "Okänt språk; välj sv eller en.",
        en: "Unknown language; choose sv or en.";

    /// A list holds more entries than the policy's limits allow.
    LimitExceeded = "LIMIT_EXCEEDED", E, "§9",
        sv: "{Subject} har {count} poster, mer än gränsen {limit}.",
        en: "{Subject} has {count} entries, more than the limit of {limit}.";
    /// Two entries of a list share an id.
    DuplicateId = "DUPLICATE_ID", finding(Err), "§9",
        sv: "Id-numret i {subject} används redan tidigare i listan.",
        en: "The id of {subject} is already used earlier in the list.";
    /// A reference to an id that does not exist in the document.
    DanglingReference = "DANGLING_REFERENCE", finding(Err), "§9",
        sv: "{Subject} pekar på något som inte finns i dokumentet.",
        en: "{Subject} points to nothing in the document.";

    // ---- Consent and sharing (SPEC §5)
    /// A request names an agency that is not part of the case.
    ConsentUnknownAgency = "CONSENT_UNKNOWN_AGENCY", E, "R-CN-4",
        sv: "{Subject} är inte en av ärendets verksamheter.",
        en: "{Subject} is not one of the case's agencies.";
    /// A consent form was asked for a plan with nothing to sign: the recorded consents cover it,
    /// or something no consent can fix blocks it.
    ConsentPlanNothingToSign = "CONSENT_PLAN_NOTHING_TO_SIGN", E, "R-CN-3",
        sv: "Det finns inget samtycke att skriva under: de samtycken som finns räcker redan, eller så hindrar något som inget samtycke kan ändra.",
        en: "There is no consent to sign: the recorded consents already cover the plan, or something blocks it that no consent can change.";
    /// No consent is recorded at all.
    ConsentNone = "CONSENT_NONE", finding(Err), "R-CN-4",
        sv: "Inget samtycke finns registrerat.",
        en: "No consent is recorded.";
    /// A consent without givers, recipients or categories is not a consent (specific consent).
    ConsentScopeEmpty = "CONSENT_SCOPE_EMPTY", finding(Err), "R-CN-1",
        sv: "{Subject} saknar den som samtycker, mottagare eller uppgifter och gäller inte.",
        en: "{Subject} lacks the person consenting, the recipients or the information and is not valid.";
    /// The consent was given for another purpose.
    ConsentPurposeMismatch = "CONSENT_PURPOSE_MISMATCH", finding(Err), "R-CN-4",
        sv: "{Subject} är ett annat än det som efterfrågas.",
        en: "{Subject} is not the one asked for.";
    /// The consent does not name the recipient.
    ConsentRecipientNotCovered = "CONSENT_RECIPIENT_NOT_COVERED", finding(Err), "R-CN-4",
        sv: "Mottagaren omfattas inte av {subject}.",
        en: "The recipient is not covered by {subject}.";
    /// The consent does not name the information category.
    ConsentCategoryNotCovered = "CONSENT_CATEGORY_NOT_COVERED", finding(Err), "R-CN-4",
        sv: "Uppgifterna omfattas inte av {subject}.",
        en: "The information is not covered by {subject}.";
    /// The consent is not valid yet at the decision instant.
    ConsentNotYetValid = "CONSENT_NOT_YET_VALID", finding(Err), "R-CN-4",
        sv: "{Subject} har inte kommit ännu: samtycket gäller inte än.",
        en: "{Subject} has not come yet: the consent is not valid yet.";
    /// The consent has expired (at `valid_until` it no longer holds).
    ConsentExpired = "CONSENT_EXPIRED", finding(Err), "R-CN-6",
        sv: "{Subject} har passerats: samtycket har gått ut.",
        en: "{Subject} has passed: the consent has expired.";
    /// The consent expires soon.
    ConsentExpiring = "CONSENT_EXPIRING", finding(Warn), "R-CN-6",
        sv: "{Subject} är om {days} dagar. Be om ett nytt samtycke i tid.",
        en: "{Subject} is in {days} days. Ask for a new consent in time.";
    /// Someone whose consent is required has not given it.
    ConsentGiverMissing = "CONSENT_GIVER_MISSING", finding(Err), "R-CN-3",
        sv: "Samtycke saknas från {subject}.",
        en: "There is no consent from {subject}.";
    /// Someone whose consent is required has refused.
    ConsentGiverRefused = "CONSENT_GIVER_REFUSED", finding(Err), "R-CN-3",
        sv: "En person vars samtycke behövs har sagt nej ({subject}).",
        en: "A person whose consent is needed has said no ({subject}).";
    /// A guardian whose consent is required cannot be reached, and so does not consent.
    ConsentGuardianUnreachable = "CONSENT_GUARDIAN_UNREACHABLE", finding(Err), "R-CN-3",
        sv: "{Subject} går inte att nå och har därför inte samtyckt.",
        en: "{Subject} cannot be reached and so has not consented.";
    /// The child is under 18 and no guardian with custody is recorded.
    ConsentNoGuardian = "CONSENT_NO_GUARDIAN", finding(Err), "R-CN-3",
        sv: "Barnet är {age} år och ingen vårdnadshavare finns registrerad; samtycke kan inte bedömas.",
        en: "The child is {age} and no guardian with custody is recorded; consent cannot be judged.";
    /// A giver whose consent is required withdrew it (whole or in part).
    ConsentWithdrawn = "CONSENT_WITHDRAWN", finding(Err), "R-CN-2",
        sv: "Samtycket återkallades {at} ({subject}).",
        en: "The consent was withdrawn on {at} ({subject}).";
    /// A consent that ends before it starts.
    ConsentDatesReversed = "CONSENT_DATES_REVERSED", finding(Err), "R-CN-1",
        sv: "{Subject} ligger inte efter startdatumet.",
        en: "{Subject} is not after the start date.";
    /// An oral consent without the staff member who documented it.
    ConsentOralUndocumented = "CONSENT_ORAL_UNDOCUMENTED", finding(Err), "R-CN-1",
        sv: "Ett muntligt samtycke måste ange vem i personalen som dokumenterade det ({subject}).",
        en: "An oral consent must name the staff member who documented it ({subject}).";
    /// A withdrawal by someone who did not give the consent.
    WithdrawalByNonGiver = "WITHDRAWAL_BY_NON_GIVER", finding(Err), "R-CN-2",
        sv: "{Subject} görs av någon som inte gav samtycket.",
        en: "{Subject} is made by someone who did not give the consent.";
    /// A withdrawal dated before the consent was recorded.
    WithdrawalBeforeConsent = "WITHDRAWAL_BEFORE_CONSENT", finding(Warn), "R-CN-2",
        sv: "{Subject} är daterad före samtycket.",
        en: "{Subject} is dated before the consent.";
    /// More than two guardians with custody.
    GuardiansTooMany = "GUARDIANS_TOO_MANY", finding(Err), "R-ID-3",
        sv: "Ett barn har högst två vårdnadshavare; familjehemsföräldrar är inte vårdnadshavare ({subject}).",
        en: "A child has at most two guardians; foster parents are not guardians ({subject}).";
    /// A legal ground that does not cover the request.
    LegalGroundOutOfScope = "LEGAL_GROUND_OUT_OF_SCOPE", finding(Err), "R-CN-5",
        sv: "{Subject} täcker inte det som efterfrågas.",
        en: "{Subject} does not cover what is asked for.";
    /// A report of concern goes to social services only.
    LegalGroundWrongRecipient = "LEGAL_GROUND_WRONG_RECIPIENT", finding(Err), "R-CN-5",
        sv: "En orosanmälan lämnas bara till socialtjänsten ({subject}).",
        en: "A report of concern goes to social services only ({subject}).";
    /// A legal ground without a cited provision or scope.
    LegalGroundIncomplete = "LEGAL_GROUND_INCOMPLETE", finding(Err), "R-CN-5",
        sv: "{Subject} måste ange lagrum och minst en sorts uppgifter.",
        en: "{Subject} must cite a provision and at least one kind of information.";

    // ---- De-identified consultation (R-DI-1)
    /// A field that identifies a person directly.
    DeidIdentifierField = "DEID_IDENTIFIER_FIELD", finding(Err), "R-DI-1",
        sv: "{Subject} identifierar en person och hör inte hemma i ett avidentifierat ärende.",
        en: "{Subject} identifies a person and does not belong in a de-identified case.";
    /// Text that contains something shaped like a personal identity number.
    DeidIdNumberInText = "DEID_ID_NUMBER_IN_TEXT", finding(Err), "R-DI-1",
        sv: "{Subject} innehåller något som liknar ett personnummer.",
        en: "{Subject} contains something like a personal identity number.";
    /// A phone number in a text of a de-identified summary.
    DeidPhoneInText = "DEID_PHONE_IN_TEXT", finding(Err), "R-DI-1",
        sv: "{Subject} innehåller ett telefonnummer.",
        en: "{Subject} contains a phone number.";
    /// An e-mail address in a text of a de-identified summary.
    DeidEmailInText = "DEID_EMAIL_IN_TEXT", finding(Err), "R-DI-1",
        sv: "{Subject} innehåller en e-postadress.",
        en: "{Subject} contains an e-mail address.";
    /// A street address or postcode in a text of a de-identified summary.
    DeidAddressInText = "DEID_ADDRESS_IN_TEXT", finding(Err), "R-DI-1",
        sv: "{Subject} innehåller en adress eller ett postnummer.",
        en: "{Subject} contains a street address or postcode.";
    /// A school class (`7B`) in a text of a de-identified summary.
    DeidSchoolClassInText = "DEID_SCHOOL_CLASS_IN_TEXT", finding(Err), "R-DI-1",
        sv: "{Subject} innehåller en skolklass; årskurs utan klassbeteckning räcker.",
        en: "{Subject} contains a school class; the year without the class letter is enough.";
    /// A name in a text of a de-identified summary.
    DeidNameInText = "DEID_NAME_IN_TEXT", finding(Err), "R-DI-1",
        sv: "{Subject} innehåller något som liknar ett namn; skriv en roll (mamma, mentor) i stället.",
        en: "{Subject} contains what looks like a name; write a role (mother, mentor) instead.";
    /// Text that contains an exact date, which can identify a birth date.
    DeidExactDateInText = "DEID_EXACT_DATE_IN_TEXT", finding(Warn), "R-DI-1",
        sv: "{Subject} innehåller ett exakt datum; det kan avslöja ett födelsedatum.",
        en: "{Subject} contains an exact date, which can reveal a birth date.";
    /// The municipality is small enough that the child may be recognised anyway.
    DeidSmallPopulation = "DEID_SMALL_POPULATION", finding(Warn), "R-DI-1",
        sv: "Kommunen har färre än {threshold} barn: barnet kan kännas igen trots avidentifiering.",
        en: "The municipality has fewer than {threshold} children: the child may be recognised despite de-identification.";

    // ---- SIP (SPEC §7)
    /// Both social services and health care have interventions: a SIP is indicated.
    SipIndicated = "SIP_INDICATED", finding(Info), "R-SP-0",
        sv: "Barnet har insatser från både socialtjänst och hälso- och sjukvård: en SIP är aktuell.",
        en: "The child has interventions from both social services and health care: a SIP is indicated.";
    /// A SIP without a consent reference.
    SipConsentMissing = "SIP_CONSENT_MISSING", finding(Err), "R-SP-0",
        sv: "En SIP görs bara med samtycke. Ange samtycket.",
        en: "A SIP is made only with consent. Name the consent.";
    /// Point 1: no interventions.
    SipInterventionsMissing = "SIP_INTERVENTIONS_MISSING", finding(Err), "R-SP-1",
        sv: "Planen saknar insatser (lagens punkt 1).",
        en: "The plan has no interventions (the law's point 1).";
    /// Point 2: an intervention without a responsible agency.
    SipResponsibleMissing = "SIP_RESPONSIBLE_MISSING", finding(Err), "R-SP-1",
        sv: "{Subject} saknar ansvarig huvudman (lagens punkt 2).",
        en: "{Subject} has no responsible principal (the law's point 2).";
    /// Point 3: measures by others not stated (an explicit "none" is allowed).
    SipOtherMeasuresMissing = "SIP_OTHER_MEASURES_MISSING", finding(Err), "R-SP-1",
        sv: "Planen anger inte vilka åtgärder andra vidtar. Skriv uttryckligen att det inte finns några, om så är fallet (lagens punkt 3).",
        en: "The plan does not state the measures others take. Say explicitly that there are none, if so (the law's point 3).";
    /// Point 4: no lead principal.
    SipLeadMissing = "SIP_LEAD_MISSING", finding(Err), "R-SP-1",
        sv: "Planen anger inte vilken huvudman som har huvudansvaret (lagens punkt 4).",
        en: "The plan does not say which principal has the lead responsibility (the law's point 4).";
    /// Point 4: more than one lead principal.
    SipLeadNotUnique = "SIP_LEAD_NOT_UNIQUE", finding(Err), "R-SP-1",
        sv: "Exakt en huvudman ska ha huvudansvaret ({subject}).",
        en: "Exactly one principal has the lead responsibility ({subject}).";
    /// The lead is not a municipality or region.
    SipLeadWrongKind = "SIP_LEAD_WRONG_KIND", finding(Err), "R-SP-1",
        sv: "Huvudansvaret ligger hos en kommun eller en region, inte hos {kind}.",
        en: "The lead responsibility lies with a municipality or a region, not with {kind}.";
    /// The lead principal does not take part in the plan.
    SipLeadNotParticipating = "SIP_LEAD_NOT_PARTICIPATING", finding(Err), "R-SP-1",
        sv: "{Subject} deltar inte i planen.",
        en: "{Subject} does not take part in the plan.";
    /// The responsible agency does not take part in the plan.
    SipResponsibleNotParticipating = "SIP_RESPONSIBLE_NOT_PARTICIPATING", finding(Err), "R-SP-2",
        sv: "{Subject} deltar inte i planen.",
        en: "{Subject} does not take part in the plan.";
    /// The same intervention twice.
    SipDuplicateIntervention = "SIP_DUPLICATE_INTERVENTION", finding(Err), "R-SP-2",
        sv: "{Subject} finns redan i planen.",
        en: "{Subject} is already in the plan.";
    /// An intervention's level lies outside its agency's range.
    SipLevelOutsideRange = "SIP_LEVEL_OUTSIDE_RANGE", finding(Warn), "R-LV-1",
        sv: "Nivån i {subject} ligger utanför verksamhetens vanliga nivåer.",
        en: "The level of {subject} lies outside the agency's usual levels.";
    /// The child's own goals or words are not recorded.
    SipChildGoalsMissing = "SIP_CHILD_GOALS_MISSING", finding(Warn), "R-SP-3",
        sv: "Barnets egna mål eller ord saknas i planen.",
        en: "The child's own goals or words are missing from the plan.";
    /// The child's view is not recorded, and no reason is given.
    SipChildViewMissing = "SIP_CHILD_VIEW_MISSING", finding(Warn), "R-SP-3",
        sv: "Barnets syn på planen saknas, och inget skäl anges.",
        en: "The child's view of the plan is missing, and no reason is given.";
    /// Guardians did not take part, and no reason is given.
    SipGuardiansAbsent = "SIP_GUARDIANS_ABSENT", finding(Warn), "R-SP-3",
        sv: "Vårdnadshavarna deltog inte, och inget skäl anges.",
        en: "The guardians did not take part, and no reason is given.";
    /// A recorded dissent without its text.
    SipDissentEmpty = "SIP_DISSENT_EMPTY", finding(Err), "R-SP-3",
        sv: "En invändning ska återges, inte lämnas tom ({subject}).",
        en: "A dissent must be written down, not left empty ({subject}).";
    /// Dates in the wrong order.
    SipDatesReversed = "SIP_DATES_REVERSED", finding(Err), "R-SP-4",
        sv: "{Subject} ligger före ett datum som det ska komma efter.",
        en: "{Subject} lies before a date it must come after.";
    /// No follow-up date.
    SipFollowupMissing = "SIP_FOLLOWUP_MISSING", finding(Warn), "R-SP-4",
        sv: "Planen saknar datum för uppföljning.",
        en: "The plan has no follow-up date.";
    /// The follow-up is not after the plan date.
    SipFollowupNotAfterPlan = "SIP_FOLLOWUP_NOT_AFTER_PLAN", finding(Err), "R-SP-4",
        sv: "Uppföljningen måste ligga efter planens datum.",
        en: "The follow-up must come after the plan date.";
    /// The follow-up is later than the policy allows.
    SipFollowupTooLate = "SIP_FOLLOWUP_TOO_LATE", finding(Warn), "R-SP-4",
        sv: "Uppföljningen ligger {days} dagar efter planen; högst {max} dagar.",
        en: "The follow-up is {days} days after the plan; at most {max} days.";
    /// The SIP meeting came later than the policy's days after the need was identified.
    SipStartedLate = "SIP_STARTED_LATE", finding(Warn), "R-SP-5",
        sv: "SIP-mötet hölls {days} dagar efter att behovet blev känt; det ska ske utan dröjsmål (högst {max} dagar).",
        en: "The SIP meeting came {days} days after the need was identified; it must be without delay (at most {max} days).";

    // ---- The case process (SPEC §3, §6)
    /// The event is not allowed in the case's state.
    CaseEventNotAllowed = "CASE_EVENT_NOT_ALLOWED", E, "R-CP-8",
        sv: "Det går inte att registrera ”{event}” när ärendet är i läget ”{state}”.",
        en: "“{event}” cannot be recorded while the case is in the state “{state}”.";
    /// A case log must start with Raise, and only once.
    CaseMustStartWithRaise = "CASE_MUST_START_WITH_RAISE", E, "R-CP-1",
        sv: "Ett ärende börjar med Raise, och bara en gång.",
        en: "A case starts with Raise, and only once.";
    /// An event earlier than the one before it.
    CaseTimeBackwards = "CASE_TIME_BACKWARDS", E, "R-CP-8",
        sv: "Händelsen är daterad före föregående händelse.",
        en: "The event is dated before the previous event.";
    /// An identified meeting without consent covering every participating agency.
    CaseConsentNotCovering = "CASE_CONSENT_NOT_COVERING", E, "R-CP-2",
        sv: "Samtycket täcker inte alla verksamheter som deltar i mötet: {agencies}.",
        en: "The consent does not cover every agency taking part in the meeting: {agencies}.";
    /// A consent that does not satisfy R-CN-3 for everything it names cannot start planning
    /// or resume a paused case.
    CaseConsentInsufficient = "CASE_CONSENT_INSUFFICIENT", E, "R-CP-2",
        sv: "Samtycket uppfyller inte kraven på samtycke för {categories} till {agencies}.",
        en: "The consent does not meet the requirements of consent for {categories} to {agencies}.";
    /// A withdrawal dated after the event that records it, or before the previous event.
    CaseWithdrawalTime = "CASE_WITHDRAWAL_TIME", E, "R-CN-2",
        sv: "Återkallelsen måste gälla från en tidpunkt mellan föregående händelse och nu.",
        en: "The withdrawal must take effect between the previous event and now.";
    /// A required text or list is empty.
    CaseRequiredFieldEmpty = "CASE_REQUIRED_FIELD_EMPTY", E, "R-CP-1",
        sv: "{Subject} får inte vara tomt.",
        en: "{Subject} may not be empty.";
    /// The guardians were not invited and no reason is recorded.
    CaseGuardiansNotInvited = "CASE_GUARDIANS_NOT_INVITED", finding(Warn), "R-CP-3",
        sv: "Vårdnadshavarna bjöds inte in och inget skäl är angivet.",
        en: "The guardians were not invited and no reason is recorded.";
    /// A reference to an agency, need or intervention the case does not have.
    CaseUnknownReference = "CASE_UNKNOWN_REFERENCE", E, "R-CP-8",
        sv: "{Subject} finns inte i ärendet.",
        en: "{Subject} does not exist in the case.";
    /// An id that the case already uses.
    CaseDuplicateId = "CASE_DUPLICATE_ID", E, "R-CP-8",
        sv: "Id-numret i {subject} används redan i ärendet.",
        en: "The id of {subject} is already used in the case.";
    /// Close while a need has neither an ended intervention nor an accepted handover.
    CaseCloseOpenNeeds = "CASE_CLOSE_OPEN_NEEDS", E, "R-CP-6",
        sv: "Ärendet kan inte avslutas: behov saknar avslutad insats eller accepterad överlämning ({needs}).",
        en: "The case cannot be closed: needs lack an ended intervention or an accepted handover ({needs}).";
    /// A handover answered or offered in the wrong phase or by the wrong agency.
    CaseHandoverInvalid = "CASE_HANDOVER_INVALID", E, "R-RS-2",
        sv: "Överlämningen stämmer inte: {why}.",
        en: "The handover does not hold: {why}.";
    /// Escalation must raise the level, de-escalation lower it.
    CaseLevelDirection = "CASE_LEVEL_DIRECTION", E, "R-RS-3",
        sv: "Nivån går åt fel håll: en upptrappning ska höja den, en nedtrappning sänka den.",
        en: "The level goes the wrong way: an escalation raises it, a de-escalation lowers it.";
    /// An agreed intervention lacks a required part.
    CaseInterventionIncomplete = "CASE_INTERVENTION_INCOMPLETE", E, "R-CP-3",
        sv: "{Subject} saknas.",
        en: "{Subject} is missing.";
    /// The first meeting must record the child's view or why not.
    CaseChildViewMissing = "CASE_CHILD_VIEW_MISSING", E, "R-CP-3",
        sv: "Första mötet ska återge barnets syn eller skälet till att den saknas.",
        en: "The first meeting must record the child's view or the reason it is missing.";
    /// Closing without a closing follow-up.
    CaseClosingFollowupMissing = "CASE_CLOSING_FOLLOWUP_MISSING", finding(Warn), "R-CP-6",
        sv: "Ärendet avslutas utan avslutande uppföljning.",
        en: "The case is closed without a closing follow-up.";
    /// Consent should be asked (due or overdue).
    DueConsentRequest = "DUE_CONSENT_REQUEST", finding(Warn), "R-CP-9",
        sv: "Samtycke ska efterfrågas senast {due}.",
        en: "Consent is to be asked for by {due}.";
    /// The first meeting is due.
    DueFirstMeeting = "DUE_FIRST_MEETING", finding(Warn), "R-CP-9",
        sv: "Första mötet ska hållas senast {due}.",
        en: "The first meeting is to be held by {due}.";
    /// A follow-up is due.
    DueFollowUp = "DUE_FOLLOW_UP", finding(Warn), "R-CP-9",
        sv: "Uppföljning ska göras senast {due}.",
        en: "A follow-up is due by {due}.";
    /// An offered handover must be answered.
    DueHandoverAnswer = "DUE_HANDOVER_ANSWER", finding(Warn), "R-RS-2",
        sv: "Den erbjudna överlämningen ska besvaras senast {due}.",
        en: "The offered handover is to be answered by {due}.";
    /// A SIP meeting is due.
    DueSipMeeting = "DUE_SIP_MEETING", finding(Warn), "R-CP-9",
        sv: "SIP-möte ska hållas senast {due}: insatser finns från både socialtjänst och hälso- och sjukvård.",
        en: "A SIP meeting is due by {due}: there are interventions from both social services and health care.";

    // ---- Follow-up and statistics (SPEC §8)
    /// A scale has the wrong number of items.
    FollowupItemCount = "FOLLOWUP_ITEM_COUNT", finding(Err), "R-FU-1",
        sv: "{Subject} ska ha {expected} delar men har {found}.",
        en: "{Subject} must have {expected} items but has {found}.";
    /// A measure lies outside its scale.
    FollowupValueOutOfRange = "FOLLOWUP_VALUE_OUT_OF_RANGE", finding(Err), "R-FU-1",
        sv: "Värdet i {subject} måste ligga mellan {min} och {max}.",
        en: "The value of {subject} must lie between {min} and {max}.";
    /// A measure has more than one decimal.
    FollowupValuePrecision = "FOLLOWUP_VALUE_PRECISION", finding(Err), "R-FU-1",
        sv: "Värdet i {subject} får ha högst en decimal.",
        en: "The value of {subject} may have at most one decimal.";
    /// Measures were given but none of them was filled in.
    FollowupMeasuresEmpty = "FOLLOWUP_MEASURES_EMPTY", finding(Err), "R-FU-1",
        sv: "{Subject} innehåller inga mätvärden.",
        en: "{Subject} holds no measures.";
    /// A goal's attainment is given twice in one measurement.
    FollowupGoalTwice = "FOLLOWUP_GOAL_TWICE", finding(Err), "R-FU-1",
        sv: "Målet i {subject} har redan skattats tidigare i samma mätning.",
        en: "The goal of {subject} is already rated earlier in the same measurement.";
    /// The SRS total is below the alliance alert threshold.
    FollowupAllianceLow = "FOLLOWUP_ALLIANCE_LOW", finding(Warn), "R-FU-2",
        sv: "SRS-summan {total} är under {threshold}: tala om samarbetet med barnet.",
        en: "The SRS total {total} is below {threshold}: talk about the working alliance with the child.";
    /// School attendance below the policy threshold.
    FollowupProblematicAbsence = "FOLLOWUP_PROBLEMATIC_ABSENCE", finding(Warn), "R-FU-3",
        sv: "Närvaron {percent} % är under {threshold} %: problematisk frånvaro.",
        en: "Attendance {percent} % is below {threshold} %: problematic absence.";
    /// Two consecutive reliable deteriorations: consider escalating (a suggestion, never an action).
    FollowupSuggestEscalation = "FOLLOWUP_SUGGEST_ESCALATION", finding(Info), "R-FU-4",
        sv: "ORS har försämrats tydligt vid två uppföljningar i rad: överväg att höja nivån.",
        en: "ORS has reliably deteriorated at two follow-ups in a row: consider escalating.";
    /// Goals met and the outcome stable: consider closing (a suggestion, never an action).
    FollowupSuggestClosure = "FOLLOWUP_SUGGEST_CLOSURE", finding(Info), "R-FU-4",
        sv: "Målen är nådda och ORS är stabilt: överväg att avsluta ärendet.",
        en: "The goals are met and ORS is stable: consider closing the case.";
    /// Partial aggregates made with different parameters cannot be merged.
    StatsMergeMismatch = "STATS_MERGE_MISMATCH", E, "R-ST-1",
        sv: "Delaggregaten har olika {field} och kan inte slås ihop.",
        en: "The partial aggregates differ in {field} and cannot be merged.";
    /// A partial aggregate whose counts do not add up (edited or corrupted).
    StatsPartialInconsistent = "STATS_PARTIAL_INCONSISTENT", E, "R-ST-3",
        sv: "Delaggregatets antal går inte ihop ({subject}); det kan inte publiceras eller slås ihop.",
        en: "The partial aggregate's counts do not add up ({subject}); it cannot be published or merged.";
    /// Case logs that could not be read or replayed are left out of the statistics.
    StatsLogsSkipped = "STATS_LOGS_SKIPPED", finding(Warn), "R-ST-1",
        sv: "{count} ärendeloggar kunde inte läsas eller spelas upp och ingår inte.",
        en: "{count} case logs could not be read or replayed and are left out.";

    // ---- Audit (R-AU-1)
    /// A record's hash does not match its content.
    AuditHashMismatch = "AUDIT_HASH_MISMATCH", finding(Err), "R-AU-1",
        sv: "{Subject} har ändrats: kontrollsumman stämmer inte med innehållet.",
        en: "{Subject} was altered: its hash does not match its content.";
    /// A log checked as a whole does not start at genesis (its beginning may have been cut off).
    AuditNotAtGenesis = "AUDIT_NOT_AT_GENESIS", finding(Err), "R-AU-1",
        sv: "Loggen börjar inte vid kedjans början ({subject}); början kan ha tagits bort. Ange ankaret om det är ett avsnitt.",
        en: "The log does not start at the beginning of the chain ({subject}); its beginning may have been cut off. Pass the anchor if it is a segment.";
    /// An audit key that is not one: an id that is empty, too long or a personal number, or a
    /// secret shorter than 128 bits or not hexadecimal.
    AuditKeyInvalid = "AUDIT_KEY_INVALID", E, "R-AU-1",
        sv: "Auditnyckeln duger inte ({subject}): den ska ha ett id och en hemlighet på minst 128 bitar, skriven hexadecimalt.",
        en: "The audit key cannot be used ({subject}): it needs an id and a secret of at least 128 bits, written in hexadecimal.";
    /// The previous record given to chain onto does not carry its own hash.
    AuditPrevInvalid = "AUDIT_PREV_INVALID", E, "R-AU-1",
        sv: "Den föregående auditposten stämmer inte med sin egen hash och kan inte byggas vidare på.",
        en: "The previous audit record does not match its own hash and cannot be chained onto.";
    /// A record does not point to the hash of the record before it.
    AuditPrevMismatch = "AUDIT_PREV_MISMATCH", finding(Err), "R-AU-1",
        sv: "{Subject} pekar inte på föregående posts kontrollsumma: kedjan är bruten.",
        en: "{Subject} does not point to the previous record's hash: the chain is broken.";
    /// Sequence numbers do not follow each other.
    AuditSeqGap = "AUDIT_SEQ_GAP", finding(Err), "R-AU-1",
        sv: "{Subject} har fel löpnummer: poster saknas eller har flyttats.",
        en: "{Subject} has the wrong sequence number: records are missing or moved.";
    /// A policy with findings of severity error is not used for decisions.
    PolicyInvalid = "POLICY_INVALID", E, "§9",
        sv: "Policyn har fel (det första i {subject}) och används inte. Kontrollera den först.",
        en: "The policy has errors (the first in {subject}) and is not used. Check it first.";

    // ---- Identity numbers (R-ID-1, R-ID-2)
    /// No identity number was given.
    IdEmpty = "ID_EMPTY", E, "R-ID-1",
        sv: "Inget person- eller samordningsnummer angavs.",
        en: "No personal identity or coordination number was given.";
    /// Not 10 or 12 digits with at most one separator before the last four digits.
    IdBadFormat = "ID_BAD_FORMAT", E, "R-ID-1",
        sv: "Numret måste ha 10 eller 12 siffror, med högst ett skiljetecken (- eller +) före de fyra sista.",
        en: "The number must have 10 or 12 digits, with at most one separator (- or +) before the last four.";
    /// The date part is not a calendar date (coordination numbers: day + 60).
    IdBadDate = "ID_BAD_DATE", E, "R-ID-1",
        sv: "Numrets datumdel är inget giltigt datum.",
        en: "The date part of the number is not a valid date.";
    /// The Luhn check digit does not match.
    IdBadChecksum = "ID_BAD_CHECKSUM", E, "R-ID-1",
        sv: "Numrets kontrollsiffra stämmer inte.",
        en: "The check digit of the number does not match.";
    /// The birth number 000 is never issued.
    IdBirthNumberNeverIssued = "ID_BIRTH_NUMBER_NEVER_ISSUED", E, "R-ID-1",
        sv: "Födelsenumret 000 delas aldrig ut; numret är ogiltigt.",
        en: "The birth number 000 is never issued; the number is invalid.";
    /// A reference the library would copy into output holds a personal identity number.
    ReferenceIsPersonalNumber = "REFERENCE_IS_PERSONAL_NUMBER", E, "R-PD-1",
        sv: "{Subject} innehåller ett personnummer; använd verksamhetens egen referens.",
        en: "{Subject} holds a personal identity number; use the system's own reference.";
    /// The number's birth date lies after the date it is checked at.
    IdBornAfterDate = "ID_BORN_AFTER_DATE", E, "R-ID-2",
        sv: "Födelsedatumet ligger efter det datum som frågan gäller.",
        en: "The birth date lies after the date asked about.";
    /// A vendor reserve id is empty, too long or holds control characters.
    IdReserveInvalid = "ID_RESERVE_INVALID", E, "R-ID-1",
        sv: "Reservnumret måste vara 1–{max} tecken utan styrtecken.",
        en: "A reserve id must be 1–{max} characters without control characters.";

    // ---- Policy (SPEC §3–§8 policy values)
    /// A policy number lies outside its allowed range.
    PolicyValueOutOfRange = "POLICY_VALUE_OUT_OF_RANGE", finding(Err), "§9",
        sv: "Värdet i {subject} måste ligga mellan {min} och {max}.",
        en: "The value of {subject} must lie between {min} and {max}.";
    /// The child's own consent starts later than the child alone may consent.
    PolicyConsentAgesOrder = "POLICY_CONSENT_AGES_ORDER", finding(Err), "R-CN-3",
        sv: "Åldern då barnet ensamt får samtycka ({alone}) får inte vara lägre än åldern då barnets eget samtycke behövs ({consent}).",
        en: "The age at which the child may consent alone ({alone}) must not be lower than the age at which the child's own consent is needed ({consent}).";
    /// A category outside health is listed for the child's consent alone.
    PolicyChildAloneNonHealth = "POLICY_CHILD_ALONE_NON_HEALTH", finding(Warn), "R-CN-3",
        sv: "Barnets eget samtycke gäller normalt bara uppgifter om hälsa och psykisk hälsa; kontrollera {subject}.",
        en: "The child's own consent normally covers only health and mental health; check {subject}.";
    /// The same entry appears twice in a list.
    PolicyDuplicateEntry = "POLICY_DUPLICATE_ENTRY", finding(Err), "§9",
        sv: "{Subject} finns redan tidigare i listan.",
        en: "{Subject} already appears earlier in the list.";
    /// A level range whose lowest level is above its highest.
    PolicyLevelRangeReversed = "POLICY_LEVEL_RANGE_REVERSED", finding(Err), "R-LV-1",
        sv: "{Subject} har en lägsta nivå över den högsta.",
        en: "{Subject} has its lowest level above its highest.";
    /// A standard agency kind has no level range; the built-in default applies.
    PolicyLevelRangeDefaulted = "POLICY_LEVEL_RANGE_DEFAULTED", finding(Info), "R-LV-1",
        sv: "Verksamhetstypen {kind} saknar nivåintervall; standardintervallet används.",
        en: "There is no level range for {kind}; the default range applies.";
    /// Small statistics cells are suppressed below a threshold too low to protect children.
    PolicyMinCellLow = "POLICY_MIN_CELL_LOW", finding(Warn), "R-ST-3",
        sv: "Minsta cellstorleken {value} är låg: små celler kan peka ut enskilda barn (standard 5).",
        en: "The smallest cell size {value} is low: small cells can point out individual children (default 5).";
    /// A deadline is shorter than the interval between the team's fixed meetings.
    PolicyDeadlineBelowMeetingInterval = "POLICY_DEADLINE_BELOW_MEETING_INTERVAL", finding(Warn), "R-CP-9",
        sv: "{Subject} ({days} dagar) är kortare än tiden mellan teamets möten ({interval} dagar) och missas ofta.",
        en: "{Subject} ({days} days) is shorter than the time between the team's meetings ({interval} days) and will often be missed.";
}
