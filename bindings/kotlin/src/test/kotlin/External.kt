// The personnummer project's shared test data (tests/external/personnummer, MIT) through the
// Kotlin API: verdicts, kinds and 12-digit forms agree, or differ exactly as recorded.
import com.google.gson.JsonParser
import java.io.File
import uniffi.tsi.*

private data class Expected(val input: String, val valid: Boolean, val kind: IdKind, val long: String?)

private fun kindOf(t: String) = if (t == "ssn") IdKind.PERSONAL_NUMBER else IdKind.COORDINATION_NUMBER

private fun expectations(dir: File): List<Expected> {
    val out = mutableListOf<Expected>()
    for (el in JsonParser.parseString(File(dir, "list.json").readText()).asJsonArray) {
        val item = el.asJsonObject
        val fields = listOf("long_format" to true, "short_format" to false, "separated_format" to true,
            "separated_long" to true, "integer" to true)
        for ((field, century) in fields) {
            out += Expected(item[field].asString, item["valid"].asBoolean, kindOf(item["type"].asString),
                if (century) item["long_format"].asString else null)
        }
    }
    for ((t, forms) in JsonParser.parseString(File(dir, "structured.json").readText()).asJsonObject.entrySet()) {
        for (form in listOf("integer", "string")) for (verdict in listOf("valid", "invalid")) {
            for (v in forms.asJsonObject[form].asJsonObject[verdict].asJsonArray) {
                out += Expected(v.asString, verdict == "valid", kindOf(t), null)
            }
        }
    }
    return out
}

fun external(h: Harness, dir: File) {
    h.test("personnummer/meta test data agrees, or differs as recorded") {
        val known = JsonParser.parseString(File(dir, "known-differences.json").readText()).asJsonObject["differences"]
            .asJsonArray.associate { it.asJsonObject["input"].asString to it.asJsonObject["ours"].asString }
        var agreed = 0
        var differed = 0
        val failures = mutableListOf<String>()
        for (e in expectations(dir)) {
            val got: Triple<Boolean, String, IdKind?> = try {
                val r = checkPersonalIdentity(e.input, AT)
                Triple(true, r.normalized, r.kind)
            } catch (x: TsiException.Invalid) {
                Triple(false, x.code.name, null)
            }
            val recorded = known[e.input]
            if (recorded != null) {
                if (got == Triple(false, recorded, null)) differed++ else failures += "${e.input}: recorded $recorded, got $got"
                continue
            }
            val ok = got.first == e.valid && (!e.valid || (got.third == e.kind && (e.long == null || got.second == e.long)))
            if (ok) agreed++ else failures += "${e.input}: expected $e, got $got"
        }
        check(failures.isEmpty()) { failures.joinToString("\n") }
        check(agreed >= 100 && differed == 4) { "$agreed agreed, $differed differed" }
    }
}
