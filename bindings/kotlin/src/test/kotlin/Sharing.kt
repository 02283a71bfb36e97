// Kotlin usage of the sharing API: default arguments, sealed Basis, audit chain.
import com.google.gson.JsonParser
import java.io.File
import uniffi.tsi.*

fun sharing(h: Harness, examples: File) {
    val allowed = JsonParser.parseString(File(examples, "allowed.json").readText()).asJsonObject
    val denied = JsonParser.parseString(File(examples, "denied.json").readText()).asJsonObject
    h.test("mayShare with default policy and audit chain") {
        val d1 = mayShare(allowed["case"].toString(), allowed["request"].toString(), Lang.SV)
        check(d1.allowed) { "allowed" }
        assertEq<Basis?>(Basis.Consent("samtycke-1"), d1.basis)
        val d2 = mayShare(denied["case"].toString(), denied["request"].toString(), Lang.EN, auditPrevJson = d1.auditJson)
        check(!d2.allowed && d2.basis == null) { "denied" }
        assertEq(listOf(Code.CONSENT_CATEGORY_NOT_COVERED, Code.CONSENT_RECIPIENT_NOT_COVERED), d2.reasons.map { it.code })
        val chain = "[${d1.auditJson},${d2.auditJson}]"
        check(verifyAuditChain(chain, Lang.EN).valid) { "chain" }
        val broken = verifyAuditChain(chain.replace("\"Denied\"", "\"Allowed\""), Lang.EN)
        assertEq(1uL, broken.firstBroken)
    }
    h.test("sharing errors are TsiException.Invalid") {
        val e = assertThrows<TsiException.Invalid> {
            mayShare(allowed["case"].toString(), allowed["request"].toString(), Lang.SV, policyJson = """{"schema_version":1,"min_cell":0}""")
        }
        assertEq(Code.POLICY_INVALID to "/policy/min_cell", e.code to e.path)
        assertEq(Code.INSTANT_INVALID, assertThrows<TsiException.Invalid> { validateSharingCase(allowed["case"].toString(), "igår", Lang.SV) }.code)
    }
    h.test("checkDeidentified reports") {
        val r = checkDeidentified(File(examples, "deidentified.json").readText(), Lang.EN)
        assertEq(listOf(Code.DEID_SMALL_POPULATION), r.findings.map { it.code })
    }
}

fun sip(h: Harness, examples: File) {
    val valid = File(examples, "../sip/valid.json").readText()
    val invalid = File(examples, "../sip/invalid.json").readText()
    h.test("validateSip in three lines") {
        val report = validateSip(invalid, Lang.EN)
        check(!report.valid) { "invalid" }
        check(report.findings.any { it.code == Code.SIP_LEAD_NOT_UNIQUE && it.path == "/lead_principals/1" }) { "lead" }
        check(validateSip(valid, Lang.SV).findings.isEmpty()) { "valid example" }
    }
    h.test("one PreparedPolicy serves many threads, answering as the policy given each time") {
        val policy = """{"schema_version":1,"sip_start_days":1}"""
        val expected = validateSip(invalid, Lang.EN, policy)
        check(expected != validateSip(invalid, Lang.EN)) { "the policy changes the answer" }
        PreparedPolicy(policy).use { prepared ->
            val answers = java.util.concurrent.Executors.newFixedThreadPool(4).let { pool ->
                try { (1..32).map { pool.submit<Report> { prepared.validateSip(invalid, Lang.EN) } }.map { it.get() } } finally { pool.shutdown() }
            }
            check(answers.all { it == expected }) { "every thread's answer" }
        }
        assertEq(Code.POLICY_INVALID, assertThrows<TsiException.Invalid> { PreparedPolicy("""{"schema_version":1,"min_cell":0}""") }.code)
    }
    h.test("sipSummary and sipIndicated") {
        check("Who to call:" in sipSummary(valid, Lang.EN)) { "summary" }
        val agencies = JsonParser.parseString(valid).asJsonObject["participants"].asJsonArray.map { it.asJsonObject["agency"] }
        check(sipIndicated(agencies.toString(), listOf("soc-barn-unga", "bup-uddevalla"))) { "indicated" }
        check(!sipIndicated(agencies.toString(), listOf("skola-ekbacken"))) { "not indicated" }
    }
}

fun caseProcess(h: Harness, examples: File) {
    val log = JsonParser.parseString(File(examples, "../case/log.json").readText()).asJsonArray
    h.test("replayCase, applyCaseEvent and a refused event") {
        val view = replayCase(log.toString(), Lang.EN)
        assertEq(CaseState.CLOSED, view.state)
        val first11 = com.google.gson.JsonArray().also { a -> (0 until 11).forEach { a.add(log[it]) } }
        val active = replayCase(first11.toString(), Lang.EN, at = "2026-09-20T10:00:00+02:00")
        assertEq(listOf(Code.DUE_SIP_MEETING, Code.DUE_FOLLOW_UP), active.dueActions.map { it.code })
        val close = """{"ctx":${log[10].asJsonObject["ctx"]},"event":{"type":"Close","reason":"GoalsMet"}}"""
        val e = assertThrows<TsiException.Invalid> { applyCaseEvent(active.caseJson, close, Lang.EN) }
        assertEq(Code.CASE_CLOSE_OPEN_NEEDS to "/entry/event/reason", e.code to e.path)
        assertEq("Close" to "Active", e.params["event"] to e.params["state"])
        check(!e.params["needs"].isNullOrEmpty() && e.params["needs"]!! in e.detail) { "open needs as data" }
        assertEq(CaseState.RAISED, applyCaseEvent(null, log[0].toString(), Lang.SV).state)
        assertEq(listOf(EventKind.RAISE), allowedEvents(null))
    }
    h.test("recordCaseEvent records applied and refused events, chained; anchored verification") {
        val first = recordCaseEvent(null, log[0].toString(), Lang.EN)
        check(first.applied) { "applied" }
        val meeting = """{"ctx":${log[1].asJsonObject["ctx"]},"event":{"type":"FirstMeeting","meeting_id":"m",
            "participants":["soc-barn-unga"],"guardians_invited":true,"child_view":{"Recorded":"x"}}}"""
        val refused = recordCaseEvent(first.caseJson, meeting, Lang.EN, auditPrevJson = first.auditJson)
        check(!refused.applied) { "refused" }
        assertEq(Code.CASE_CONSENT_NOT_COVERING to "soc-barn-unga", refused.refusalCode to refused.refusalParams["agencies"])
        val chain = "[${first.auditJson},${refused.auditJson}]"
        val report = verifyAuditChain(chain, Lang.EN)
        check(report.valid && report.startsAt == ChainStart.GENESIS) { "chain" }
        val segment = verifyAuditChain("[${refused.auditJson}]", Lang.EN)
        assertEq(Code.AUDIT_NOT_AT_GENESIS, segment.finding?.code)
        val head = JsonParser.parseString(first.auditJson).asJsonObject["hash"].asString
        check(verifyAuditChain("[${refused.auditJson}]", Lang.EN, anchor = head).valid) { "anchored" }
    }
    h.test("slots, agenda, due actions, diagram") {
        assertEq(listOf("2026-09-16T13:00:00+02:00"), nextSlots("""{"first_slot":"2026-09-02T13:00:00+02:00"}""", "2026-09-02T13:00:00+02:00", 1u))
        val raised = applyCaseEvent(null, log[0].toString(), Lang.SV).caseJson
        check("case-2026-0147" in agendaJson("[$raised]", "2026-09-16T13:00:00+02:00")) { "agenda" }
        assertEq(listOf(Code.DUE_CONSENT_REQUEST), dueActions(raised, "2026-09-09T09:00:00+02:00", Lang.EN).map { it.code })
        check(caseDiagram().startsWith("stateDiagram-v2")) { "diagram" }
    }
}
