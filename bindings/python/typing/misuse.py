"""Wrong uses the stub must catch: scripts/python-wheel runs `mypy --strict` here and expects an
error on exactly the lines marked `# error` (a stub that accepts anything fails that check)."""
import tsi

tsi.check_personal_identity(1212121212, "2026-11-23")  # error
tsi.validate_policy({"schema_version": 1}, "de")  # error
tsi.validate_policy({"schema_version": 1})  # error
name: str = tsi.check_personal_identity("121212-1212", "2026-11-23").age  # error
tsi.validate_sip(42, "en")  # error
tsi.Report(valid=True)  # error
missing: str = tsi.validate_policy("{}", "en").finding  # error
wrong: str = tsi.allowed_events(None)[0]  # error
