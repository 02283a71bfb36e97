// Kotlin tests of the uniffi bindings: every export, typed errors, then the shared corpus.
import java.io.File
import kotlin.system.exitProcess
import uniffi.tsi.*

const val AT = "2026-11-23"

fun api(h: Harness) {
    h.test("version and codes") {
        check(Regex("""\d+\.\d+\.\d+""").matches(version())) { version() }
        val c = codes().first { it.code == Code.ID_BAD_CHECKSUM }
        assertEq("R-ID-1", c.rule)
        assertEq(CodeKind.ERROR, c.kind)
        assertEq(Code.entries.size, codes().size)
        check(Code.entries.all { codeText(it) == it.name }) { "a code's Kotlin name is its stable text" }
    }
    h.test("checkPersonalIdentity returns a typed record") {
        val r = checkPersonalIdentity("121212-1212", AT)
        assertEq(IdCheck("201212121212", IdKind.PERSONAL_NUMBER, "2012-12-12", 13u), r)
        assertEq(12u, ageAt("2014-11-23", AT))
    }
    h.test("errors are TsiException.Invalid with code and path, no input value") {
        val e = assertThrows<TsiException.Invalid> { checkPersonalIdentity("121212-1213", AT) }
        assertEq(Code.ID_BAD_CHECKSUM, e.code)
        assertEq("", e.path)
        check("1213" !in e.message.orEmpty()) { e.message.orEmpty() }
        assertEq(Code.DATE_INVALID, assertThrows<TsiException>({ ageAt("2014-11-23", "igår") }).let { (it as TsiException.Invalid).code })
    }
    h.test("hostile strings are coded errors") {
        for (bad in listOf("", "\u0000".repeat(10), "😀".repeat(1000), "1".repeat(1_000_000))) {
            check(assertThrows<TsiException.Invalid> { checkPersonalIdentity(bad, AT) }.code.name.startsWith("ID_")) { bad.take(5) }
        }
        assertEq(Code.INPUT_TOO_LARGE, assertThrows<TsiException.Invalid> { validatePolicy(" ".repeat(2 shl 20), Lang.SV) }.code)
    }
    h.test("policy default, parse and validate") {
        assertEq(parsePolicyJson(defaultPolicyJson()), parsePolicyJson("""{"schema_version":1}"""))
        val report = validatePolicy("""{"schema_version":1,"min_cell":2}""", Lang.EN)
        check(report.valid) { "valid" }
        val f = report.findings.single()
        assertEq(Triple(Code.POLICY_MIN_CELL_LOW, "/min_cell", Severity.WARNING), Triple(f.code, f.path, f.severity))
        assertEq(mapOf("value" to "2"), f.params)
        check("är låg" in validatePolicy("""{"schema_version":1,"min_cell":2}""", Lang.SV).findings.single().message) { "sv" }
        check(!validatePolicy("""{"schema_version":1,"min_cell":0}""", Lang.SV).valid) { "min_cell 0" }
    }
}

fun main(args: Array<String>) {
    val corpus = File(args.getOrElse(0) { "tests/conformance" })
    val h = Harness()
    api(h)
    sharing(h, File(corpus, "../../examples/sharing"))
    sip(h, File(corpus, "../../examples/sharing"))
    caseProcess(h, File(corpus, "../../examples/sharing"))
    external(h, File(corpus, "../external/personnummer"))
    privacy(h, File(corpus, "../../examples"))
    conformance(h, corpus)
    if (!h.finish("kotlin")) exitProcess(1)
}
