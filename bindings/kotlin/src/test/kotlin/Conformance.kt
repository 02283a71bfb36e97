// Runs the shared conformance corpus (tests/conformance) through the Kotlin bindings.
import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import java.io.File
import uniffi.tsi.*

/** Expands {"$repeat": s, "times": n} and {"$concat": [...]} into strings. */
fun expand(v: JsonElement): JsonElement = when {
    v is JsonObject && v.has("\$repeat") -> JsonPrimitive(v["\$repeat"].asString.repeat(v["times"].asInt))
    v is JsonObject && v.has("\$concat") -> JsonPrimitive(v["\$concat"].asJsonArray.joinToString("") { expand(it).asString })
    v is JsonObject -> JsonObject().also { o -> v.entrySet().forEach { (k, x) -> o.add(k, expand(x)) } }
    v is JsonArray -> JsonArray().also { a -> v.forEach { a.add(expand(it)) } }
    else -> v
}

/** Every key of an expected object must match; arrays element by element; else equal. */
fun matches(expected: JsonElement, actual: JsonElement?): Boolean = when {
    actual == null -> false
    expected is JsonObject -> actual is JsonObject && expected.entrySet().all { (k, e) -> actual.has(k) && matches(e, actual[k]) }
    expected is JsonArray -> actual is JsonArray && expected.size() == actual.size() &&
        (0 until expected.size()).all { matches(expected[it], actual[it]) }
    expected is JsonNull -> actual is JsonNull
    expected is JsonPrimitive && expected.isNumber ->
        actual is JsonPrimitive && actual.isNumber && expected.asBigDecimal.compareTo(actual.asBigDecimal) == 0
    else -> expected == actual
}

private fun obj(vararg pairs: Pair<String, Any?>) = JsonObject().also { o ->
    pairs.forEach { (k, v) ->
        o.add(k, when (v) {
            null -> JsonNull.INSTANCE
            is JsonElement -> v
            is String -> JsonPrimitive(v)
            is Boolean -> JsonPrimitive(v)
            is Number -> JsonPrimitive(v)
            is Code -> JsonPrimitive(v.name)
            else -> throw IllegalArgumentException("unsupported $v")
        })
    }
}

private fun severity(s: Severity) = s.name.lowercase()

/** An event kind or state as JSON writes it: `REPORT_OF_CONCERN` is `ReportOfConcern`. */
fun jsonName(kind: Enum<*>) = kind.name.split("_").joinToString("") { it.lowercase().replaceFirstChar(Char::uppercaseChar) }

fun reportJson(r: Report) = obj(
    "valid" to r.valid,
    "findings" to JsonArray().also { a -> r.findings.forEach { a.add(findingJson(it)) } },
)

fun idJson(c: IdCheck) = obj(
    "normalized" to c.normalized,
    "kind" to when (c.kind) { IdKind.PERSONAL_NUMBER -> "PersonalNumber"; IdKind.COORDINATION_NUMBER -> "CoordinationNumber" },
    "birth_date" to c.birthDate,
    "age" to c.age.toLong(),
)

fun codeJson(c: CodeInfo) = obj("code" to c.code, "kind" to c.kind.name.lowercase(), "severity" to severity(c.severity),
    "rule" to c.rule, "sv" to c.sv, "en" to c.en)

/** A document input: `<name>_text` (JSON text as given) or `<name>` (an object); null if absent. */
private fun doc(i: JsonObject, name: String): String? = when {
    i.has("${name}_text") -> i["${name}_text"].asString
    i.has(name) -> i[name].toString()
    else -> null
}

private fun document(i: JsonObject): String = doc(i, "policy")!!

fun findingJson(f: Finding) = obj("code" to f.code, "severity" to severity(f.severity), "path" to f.path,
    "params" to obj(*f.params.map { it.key to it.value }.toTypedArray()), "message" to f.message)

fun groundJson(g: LegalGroundKind): JsonElement = when (g) {
    is LegalGroundKind.Other -> obj("Other" to g.v1) // a Rust tuple variant: v1 is its citation
    else -> JsonPrimitive(g::class.simpleName)
}

fun basisJson(b: Basis?): JsonElement = when (b) {
    null -> JsonNull.INSTANCE
    is Basis.SameAgency -> obj("kind" to "SameAgency")
    is Basis.Consent -> obj("kind" to "Consent", "id" to b.id)
    is Basis.LegalGround -> obj("kind" to "LegalGround", "id" to b.id, "ground" to groundJson(b.ground))
}

fun decisionJson(d: ShareDecision) = obj("allowed" to d.allowed, "basis" to basisJson(d.basis),
    "reasons" to JsonArray().also { a -> d.reasons.forEach { a.add(findingJson(it)) } },
    "audit" to JsonParser.parseString(d.auditJson))

fun matrixJson(m: SharingMatrix) = obj(
    "cells" to JsonArray().also { a -> m.cells.forEach { c -> a.add(obj("to" to c.to, "category" to jsonName(c.category),
        "lapses" to c.lapses, "decision" to obj("allowed" to c.decision.allowed, "basis" to basisJson(c.decision.basis),
            "reasons" to JsonArray().also { r -> c.decision.reasons.forEach { r.add(findingJson(it)) } }))) } },
    "expires_first" to m.expiresFirst?.let { obj("to" to it.to, "category" to jsonName(it.category), "at" to it.at) },
    "audit" to JsonParser.parseString(m.auditJson))

fun dueJson(d: DueAction) = obj("code" to d.code, "path" to d.path, "due" to d.due, "overdue" to d.overdue, "message" to d.message)

fun viewJson(v: CaseView) = obj("case" to JsonParser.parseString(v.caseJson),
    "allowed_events" to JsonArray().also { a -> v.allowedEvents.forEach { a.add(jsonName(it)) } },
    "due_actions" to JsonArray().also { a -> v.dueActions.forEach { a.add(dueJson(it)) } },
    "warnings" to JsonArray().also { a -> v.warnings.forEach { a.add(findingJson(it)) } },
    "audit" to JsonParser.parseString(v.auditJson))

fun recordedJson(s: RecordedStep) = obj("applied" to s.applied,
    "case" to s.caseJson?.let { JsonParser.parseString(it) },
    "warnings" to JsonArray().also { arr -> s.warnings.forEach { arr.add(findingJson(it)) } },
    "refusal" to s.refusalCode?.let { obj("code" to it, "path" to s.refusalPath, "details" to obj(*s.refusalParams.toList().toTypedArray())) },
    "audit" to JsonParser.parseString(s.auditJson))

fun preparedStepJson(s: PreparedStep) = obj("applied" to s.applied,
    "case" to s.next.caseJson()?.let { JsonParser.parseString(it) },
    "warnings" to JsonArray().also { arr -> s.warnings.forEach { arr.add(findingJson(it)) } },
    "refusal" to s.refusalCode?.let { obj("code" to it, "path" to s.refusalPath, "details" to obj(*s.refusalParams.toList().toTypedArray())) },
    "audit" to JsonParser.parseString(s.auditJson))

fun appliedJson(a: AppliedEvent) = obj("case" to JsonParser.parseString(a.caseJson),
    "warnings" to JsonArray().also { arr -> a.warnings.forEach { arr.add(findingJson(it)) } })

private fun replayed(i: JsonObject): String? = if (i.has("log")) replayCase(i["log"].toString(), Lang.SV).caseJson else null

fun chainJson(r: ChainReport) = obj("valid" to r.valid, "starts_at" to r.startsAt.name.lowercase().replaceFirstChar { it.uppercase() }, "checked" to r.checked.toLong(),
    "first_broken" to r.firstBroken?.toLong(), "finding" to r.finding?.let(::findingJson), "head" to r.head,
    "legacy_records" to r.legacyRecords.toLong())

private fun lang(i: JsonObject) = if (i.has("lang") && i["lang"].asString == "en") Lang.EN else Lang.SV

fun runOp(op: String, i: JsonObject): JsonElement = when (op) {
    "id.check" -> idJson(checkPersonalIdentity(i["number"].asString, i["at"].asString))
    "age.at" -> JsonPrimitive(ageAt(i["birth_date"].asString, i["at"].asString).toLong())
    "policy.validate" -> reportJson(validatePolicy(document(i), lang(i)))
    "policy.parse" -> JsonParser.parseString(parsePolicyJson(document(i)))
    "policy.default" -> JsonParser.parseString(defaultPolicyJson())
    "names.display" -> displayName(i["enum"].asString, i["value"].asString, lang(i))?.let(::JsonPrimitive) ?: JsonNull.INSTANCE
    "codes.get" -> codes().firstOrNull { it.code.name == i["code"].asString }?.let(::codeJson) ?: JsonNull.INSTANCE
    "consent.decide" -> decisionJson(mayShare(doc(i, "case")!!, doc(i, "request")!!, lang(i), doc(i, "audit_prev"), doc(i, "policy"), doc(i, "audit_key")))
    "consent.prepared" -> decisionJson(PreparedSharingCase(doc(i, "case")!!, doc(i, "policy")).mayShare(doc(i, "request")!!, lang(i), doc(i, "audit_prev"), doc(i, "audit_key")))
    "consent.matrix" -> matrixJson(sharingMatrix(doc(i, "case")!!, doc(i, "request")!!, lang(i), doc(i, "audit_prev"), doc(i, "policy"), doc(i, "audit_key")))
    "consent.prepared_matrix" -> matrixJson(PreparedSharingCase(doc(i, "case")!!, doc(i, "policy")).sharingMatrix(doc(i, "request")!!, lang(i), doc(i, "audit_prev"), doc(i, "audit_key")))
    "consent.remedies" -> JsonParser.parseString(remediesJson(doc(i, "case")!!, doc(i, "request")!!, lang(i), doc(i, "policy")))
    "consent.plan" -> JsonParser.parseString(planConsentJson(doc(i, "case")!!, doc(i, "plan")!!, lang(i), doc(i, "policy")))
    "consent.validate" -> reportJson(validateSharingCase(doc(i, "case")!!, i["at"].asString, lang(i), doc(i, "policy")))
    "deid.check" -> reportJson(checkDeidentified(doc(i, "summary")!!, lang(i), doc(i, "policy")))
    "audit.verify" -> chainJson(verifyAuditChain(doc(i, "records")!!, lang(i), i["anchor"]?.asString))
    "audit.proves" -> JsonPrimitive(auditProves(doc(i, "record")!!, doc(i, "subject")!!, doc(i, "audit_key")!!))
    "sip.validate" -> reportJson(validateSip(doc(i, "sip")!!, lang(i), doc(i, "policy")))
    "sip.summary" -> JsonPrimitive(sipSummary(doc(i, "sip")!!, lang(i), doc(i, "policy")))
    "case.replay" -> viewJson(replayCase(doc(i, "log")!!, lang(i), i["at"]?.asString, doc(i, "policy"), doc(i, "audit_key"), i["audit"]?.asBoolean ?: true))
    "case.record" -> recordedJson(recordCaseEvent(replayed(i), doc(i, "entry")!!, lang(i), doc(i, "audit_prev"), doc(i, "policy"), doc(i, "audit_key")))
    "case.prepared_record" -> preparedStepJson(PreparedCase(replayed(i), doc(i, "policy")).record(doc(i, "entry")!!, lang(i), doc(i, "audit_prev"), doc(i, "audit_key")))
    "policy.prepared_decide" -> decisionJson(PreparedPolicy(doc(i, "policy")).mayShare(doc(i, "case")!!, doc(i, "request")!!, lang(i), doc(i, "audit_prev"), doc(i, "audit_key")))
    "policy.prepared_sharing_case" -> decisionJson(PreparedPolicy(doc(i, "policy")).prepareSharingCase(doc(i, "case")!!).mayShare(doc(i, "request")!!, lang(i), doc(i, "audit_prev"), doc(i, "audit_key")))
    "policy.prepared_sip" -> reportJson(PreparedPolicy(doc(i, "policy")).validateSip(doc(i, "sip")!!, lang(i)))
    "policy.prepared_replay" -> viewJson(PreparedPolicy(doc(i, "policy")).replayCase(doc(i, "log")!!, lang(i), i["at"]?.asString, doc(i, "audit_key"), i["audit"]?.asBoolean ?: true))
    "policy.prepared_record" -> preparedStepJson(PreparedPolicy(doc(i, "policy")).prepareCase(replayed(i)).record(doc(i, "entry")!!, lang(i), doc(i, "audit_prev"), doc(i, "audit_key")))
    "case.apply" -> appliedJson(applyCaseEvent(replayed(i), doc(i, "entry")!!, lang(i), doc(i, "policy")))
    "case.allowed" -> JsonArray().also { a -> allowedEvents(replayed(i)).forEach { a.add(jsonName(it)) } }
    "meeting.next_slots" -> JsonArray().also { a ->
        nextSlots(doc(i, "schedule")!!, i["after"].asString, i["n"].asLong.toULong(), doc(i, "policy")).forEach { a.add(it) }
    }
    "meeting.agenda" -> JsonParser.parseString(agendaJson(
        i["logs"].asJsonArray.joinToString(",", "[", "]") { replayCase(it.toString(), Lang.SV).caseJson }, i["slot"].asString))
    "sip.indicated" -> JsonPrimitive(sipIndicated(doc(i, "agencies")!!, i["responsible"].asJsonArray.map { it.asString }))
    "followup.validate" -> reportJson(validateMeasures(doc(i, "measures")!!, lang(i), doc(i, "policy")))
    "followup.classify" -> changeJson(classifyChange(doc(i, "question")!!, doc(i, "policy")))
    "stats.add" -> StatsAccumulator(i["at"].asString, null).add(doc(i, "log")!!)?.let { JsonPrimitive(it.name) } ?: JsonNull.INSTANCE
    "stats.partial" -> JsonParser.parseString(accumulate(i["at"].asString, i["logs"].asJsonArray).partialJson())
    "stats.publish" -> JsonParser.parseString(accumulate(i["at"].asString, i["logs"].asJsonArray, doc(i, "policy"))
        .publishJson(lang(i), i["min_cell"]?.asLong?.toULong()))
    "stats.merge" -> {
        val parts = if (i.has("parts")) i["parts"].asJsonArray.map { accumulate(i["at"].asString, it.asJsonArray) }
            else i["partials"].asJsonArray.map { StatsAccumulator.fromPartial(it.toString(), null) }
        JsonParser.parseString(parts.drop(1).fold(parts.first()) { m, p -> m.merge(p) }.partialJson())
    }
    else -> throw IllegalArgumentException("unknown op $op")
}

private fun pair(a: Any?, b: Any?): JsonElement = if (a == null) JsonNull.INSTANCE else JsonArray().also { arr ->
    arr.add(if (a is Boolean) JsonPrimitive(a) else JsonPrimitive(a.toString()))
    arr.add(if (b is Boolean) JsonPrimitive(b) else JsonPrimitive(b.toString()))
}

fun changeJson(a: ChangeAnswer) = obj(
    "ors" to a.ors?.let { c -> c.name.lowercase().replaceFirstChar { it.uppercase() } },
    "ors_totals" to pair(a.orsBefore, a.orsAfter), "attendance_change" to a.attendanceChange,
    "problematic_absence" to pair(a.problematicBefore, a.problematicAfter))

/** An accumulator over logs, one at a time. */
fun accumulate(at: String, logs: JsonArray, policy: String? = null): StatsAccumulator =
    StatsAccumulator(at, policy).also { acc -> logs.forEach { acc.add(it.toString()) } }

fun runCase(op: String, input: JsonObject): JsonObject = try {
    obj("ok" to runOp(op, input))
} catch (e: TsiException.Invalid) {
    obj("error" to obj("code" to e.code, "path" to e.path, "params" to obj(*e.params.toList().toTypedArray())))
}

fun conformance(h: Harness, corpusDir: File) {
    val files = corpusDir.listFiles { f -> f.name.endsWith(".json") && f.name != "case.schema.json" }!!.sortedBy { it.name }
    val cases = files.flatMap { JsonParser.parseString(it.readText()).asJsonObject["cases"].asJsonArray.map { c -> c.asJsonObject } }
    h.test("corpus is large and ids unique") {
        check(cases.size >= 100) { "only ${cases.size} cases" }
        assertEq(cases.size, cases.map { it["id"].asString }.toSet().size)
    }
    h.test("matcher can fail") {
        check(!matches(JsonParser.parseString("""{"a":1}"""), JsonParser.parseString("""{"a":2}"""))) { "a" }
        check(!matches(JsonParser.parseString("[1]"), JsonParser.parseString("[1,2]"))) { "b" }
        check(!matches(JsonParser.parseString("""{"a":1}"""), JsonParser.parseString("{}"))) { "c" }
    }
    for (c in cases) {
        h.test("conformance ${c["id"].asString}") {
            val actual = runCase(c["op"].asString, expand(c["input"]).asJsonObject)
            check(matches(c["expect"], actual)) { "expected ${c["expect"]} got $actual" }
        }
    }
}
