// R-PD-1 through the Kotlin API: a personal identity number and a name go into every string
// field and, as a key, into every object of the example documents, one at a time; no error,
// finding, decision or audit record may contain them (the case state and the family summary
// carry the caller's own data back by design and are not searched).
import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import java.io.File
import uniffi.tsi.*

private const val NUMBER = "19121212-1212"
private const val NAME = "Anna Svensson"
private val REFERENCES = setOf("id", "case_id", "actor", "actor_agency", "raised_by", "from", "to", "recorded_by",
    "assessed_by", "documented_by", "consent", "meeting_id", "need_id", "need", "intervention_id", "accountable",
    "responsible_agency", "participants", "Agency", "Guardian", "sip_id", "agency")

private fun leaks(text: String): String? {
    val digits = text.filter { it.isDigit() }
    if ("1212-1212" in text || "1212121212" in digits) return "number"
    return if ("Svensson" in text) "name" else null
}

private fun variants(root: JsonElement): List<Pair<String, JsonElement>> {
    val out = mutableListOf<Pair<String, JsonElement>>()
    fun locate(doc: JsonElement, at: List<Any>): JsonElement =
        at.fold(doc) { node, s -> if (s is Int) node.asJsonArray[s] else node.asJsonObject[s as String] }
    fun walk(node: JsonElement, at: List<Any>) {
        when {
            node.isJsonPrimitive && node.asJsonPrimitive.isString -> {
                val key = at.lastOrNull { it is String } as String?
                for (value in if (key in REFERENCES) listOf(NUMBER) else listOf(NUMBER, NAME)) {
                    val v = root.deepCopy()
                    val parent = locate(v, at.dropLast(1))
                    when (val last = at.last()) {
                        is Int -> parent.asJsonArray[last] = JsonPrimitive(value)
                        else -> parent.asJsonObject.addProperty(last as String, value)
                    }
                    out += "$at = $value" to v
                }
            }
            node.isJsonObject -> {
                for (key in listOf("191212121212", NAME)) {
                    val v = root.deepCopy()
                    locate(v, at).asJsonObject.addProperty(key, 1)
                    out += "$at + key $key" to v
                }
                for ((k, child) in node.asJsonObject.entrySet()) walk(child, at + k)
            }
            node.isJsonArray -> node.asJsonArray.forEachIndexed { i, child -> walk(child, at + i) }
        }
    }
    walk(root, emptyList())
    return out
}

private fun sweep(name: String, doc: JsonElement, run: (JsonElement) -> Any?): Int {
    var checked = 0
    for ((what, v) in variants(doc)) {
        val text = try {
            run(v).toString()
        } catch (e: TsiException.Invalid) {
            "${e.code} ${e.path} ${e.params} ${e.detail} ${e.message}"
        }
        val kind = leaks(text)
        check(kind == null) { "$name: $what: the $kind leaks into $text" }
        checked++
    }
    return checked
}

fun privacy(h: Harness, examples: File) {
    h.test("no personal data in errors, findings, decisions or audit records") {
        fun example(p: String) = JsonParser.parseString(File(examples, p).readText())
        val en = Lang.EN
        val log = example("case/log.json").asJsonArray
        val first4 = JsonArray().also { a -> (0 until 4).forEach { a.add(log[it]) } }
        val first6 = JsonArray().also { a -> (0 until 6).forEach { a.add(log[it]) } }
        val before = replayCase(first4.toString(), en).caseJson
        val records = JsonArray().also { a ->
            File(examples, "audit/case-log.jsonl").readLines().take(3).forEach { a.add(JsonParser.parseString(it)) }
        }
        var checked = 0
        checked += sweep("mayShare", example("sharing/allowed.json")) { q ->
            val d = mayShare(q.asJsonObject["case"].toString(), q.asJsonObject["request"].toString(), en)
            listOf(d.basis, d.reasons, d.auditJson)
        }
        checked += sweep("validateSharingCase", example("sharing/case.json")) {
            validateSharingCase(it.toString(), "2026-11-23T10:00:00+01:00", en)
        }
        checked += sweep("checkDeidentified", example("sharing/deidentified.json")) { checkDeidentified(it.toString(), en) }
        checked += sweep("validateSip", example("sip/invalid.json")) { validateSip(it.toString(), en) }
        checked += sweep("replayCase", first6) { l ->
            val v = replayCase(l.toString(), en)
            listOf(v.warnings, v.dueActions, v.auditJson)
        }
        checked += sweep("recordCaseEvent", log[4]) { e ->
            val s = recordCaseEvent(before, e.toString(), en)
            listOf(s.warnings, s.refusalCode, s.refusalPath, s.refusalParams, s.auditJson)
        }
        checked += sweep("validatePolicy", JsonParser.parseString("""{"schema_version":1,"min_cell":2,"ext":{"a":"b"}}""")) {
            validatePolicy(it.toString(), en)
        }
        checked += sweep("verifyAuditChain", records) { verifyAuditChain(it.toString(), en) }
        check(checked > 500) { "$checked" }
    }
}
