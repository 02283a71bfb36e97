// A JVM consumer of the tsi jar alone (scripts/build-jar): the native library is loaded from
// inside the jar, nothing is on jna.library.path. The README's Kotlin snippet is run here as written.
import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream
import uniffi.tsi.*

fun main(args: Array<String>) {
    val examples = File(args[0])
    val plan = File(examples, "sip/valid.json").readText()
    val report = validateSip(plan, Lang.EN)
    check(report.valid) { "the valid example SIP must be valid" }
    val broken = validateSip(File(examples, "sip/invalid.json").readText(), Lang.SV)
    check(!broken.valid && broken.findings.isNotEmpty()) { "the invalid example must have findings" }
    try {
        validateSip("{", Lang.EN)
        error("bad JSON must be refused")
    } catch (e: TsiException.Invalid) {
        check(e.code == Code.JSON_SYNTAX) { e.code.name }
    }
    // The README snippet (scripts/build-jar wraps it as readmeSnippet()) prints what it promises.
    val printed = ByteArrayOutputStream()
    val stdout = System.out
    System.setOut(PrintStream(printed, true, "UTF-8"))
    try { readmeSnippet() } finally { System.setOut(stdout) }
    check(printed.toString("UTF-8").trim() == "ID_BAD_CHECKSUM at  {}") { "README snippet printed: $printed" }
    // The document schemas ship inside the jar (#29).
    val schema = object {}.javaClass.getResource("/schemas/sharing-case.schema.json")?.readText()
    check(schema != null && schema.contains("\"title\": \"SharingCase\"")) { "the sharing case schema is not in the jar" }
    println("jvm consumer ok: tsi ${version()}, ${broken.findings.size} findings in the invalid plan")
}
