// A minimal test harness: named checks, a summary line "N passed, N failed", exit code 1 on failure.

class Harness {
    private var passed = 0
    private val failures = mutableListOf<String>()

    fun test(name: String, body: () -> Unit) {
        try {
            body()
            passed++
        } catch (e: Throwable) {
            failures += "$name: ${e.message ?: e}"
        }
    }

    fun finish(label: String): Boolean {
        failures.forEach { println("FAILED $it") }
        println("$label: $passed passed, ${failures.size} failed")
        return failures.isEmpty()
    }
}

fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

fun <T> assertEq(expected: T, actual: T) = check(expected == actual) { "expected <$expected> but was <$actual>" }

inline fun <reified E : Throwable> assertThrows(body: () -> Unit): E {
    try {
        body()
    } catch (e: Throwable) {
        if (e is E) return e
        throw AssertionError("expected ${E::class.simpleName} but got $e")
    }
    throw AssertionError("expected ${E::class.simpleName} but nothing was thrown")
}
