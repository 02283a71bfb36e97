// Usage of the generated Swift API, written as XCTest cases. Syntax-checked here
// (scripts/check-swift.py); compiled and run where a Swift toolchain exists.
import XCTest
@testable import Tsi

final class TsiTests: XCTestCase {
    func testCheckPersonalIdentity() throws {
        let id = try checkPersonalIdentity(input: "121212-1212", at: "2026-11-23")
        XCTAssertEqual(id.normalized, "201212121212")
        XCTAssertEqual(id.kind, .personalNumber)
        XCTAssertEqual(id.age, 13)
    }

    func testErrorsCarryACode() {
        XCTAssertThrowsError(try checkPersonalIdentity(input: "121212-1213", at: "2026-11-23")) { error in
            guard case let TsiError.Invalid(code, path, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, Code.idBadChecksum)
            XCTAssertEqual(codeText(code: code), "ID_BAD_CHECKSUM")
            XCTAssertEqual(path, "")
        }
    }

    func testDisplayNames() {
        XCTAssertEqual(displayName(enumName: "CaseState", value: "AwaitingConsent", lang: .sv), "väntar på samtycke")
        XCTAssertNil(displayName(enumName: "AgencyKind", value: "Fritidsgården", lang: .en))
    }

    func testPreparedCaseAnswersAsTheOneShotCall() throws {
        let caseJson = #"{"schema_version":1,"case_id":"k","child":{"birth_date":"2013-03-14"},"guardians":[],"agencies":[{"id":"a","kind":"School","principal":{"id":"p","kind":"Municipality"}}],"consents":[]}"#
        let request = #"{"from":"a","to":"a","category":"Attendance","purpose":"TsiCollaboration","at":"2026-11-23T10:00:00+01:00","actor":"s-1"}"#
        let prepared = try PreparedSharingCase(caseJson: caseJson, policyJson: nil)
        let asked = try prepared.mayShare(requestJson: request, lang: .en, auditPrevJson: nil, auditKeyJson: nil)
        let oneShot = try mayShare(caseJson: caseJson, requestJson: request, lang: .en, auditPrevJson: nil, policyJson: nil, auditKeyJson: nil)
        XCTAssertEqual(asked.allowed, oneShot.allowed)
        XCTAssertEqual(asked.auditJson, oneShot.auditJson)
    }

    func testSharingMatrixCellsAreMayShareDecisions() throws {
        let caseJson = #"{"schema_version":1,"case_id":"k","child":{"birth_date":"2013-03-14"},"guardians":[],"agencies":[{"id":"a","kind":"School","principal":{"id":"p","kind":"Municipality"}},{"id":"b","kind":"SocialServices","principal":{"id":"p","kind":"Municipality"}}],"consents":[]}"#
        let question = #"{"from":"a","purpose":"TsiCollaboration","at":"2026-11-23T10:00:00+01:00","actor":"s-1"}"#
        let matrix = try sharingMatrix(caseJson: caseJson, requestJson: question, lang: .en, auditPrevJson: nil, policyJson: nil, auditKeyJson: nil)
        XCTAssertEqual(matrix.cells.count, 8)
        XCTAssertEqual(matrix.cells.first?.category, .attendance)
        XCTAssertFalse(matrix.cells.contains { $0.decision.allowed })
        XCTAssertNil(matrix.expiresFirst)
        let prepared = try PreparedSharingCase(caseJson: caseJson, policyJson: nil)
        let asked = try prepared.sharingMatrix(requestJson: question, lang: .en, auditPrevJson: nil, auditKeyJson: nil)
        XCTAssertEqual(asked.auditJson, matrix.auditJson)
    }

    func testPreparedCaseRecordsAsTheOneShotCall() throws {
        let entry = #"{"ctx":{"now":"2026-09-01T09:00:00+02:00","actor":"rektor-1","actor_agency":"skola"},"event":{"type":"Raise","case_id":"k","child":{"birth_date":"2014-03-01"},"guardians":[],"agencies":[{"id":"skola","kind":"School","principal":{"id":"p","kind":"Municipality"}}],"raised_by":"skola","concern_areas":["SchoolAttendance"]}}"#
        let oneShot = try recordCaseEvent(caseJson: nil, entryJson: entry, lang: .en, auditPrevJson: nil, policyJson: nil, auditKeyJson: nil)
        let step = try PreparedCase(caseJson: nil, policyJson: nil).record(entryJson: entry, lang: .en, auditPrevJson: nil, auditKeyJson: nil)
        XCTAssertEqual(step.applied, oneShot.applied)
        XCTAssertEqual(step.auditJson, oneShot.auditJson)
        XCTAssertEqual(step.next.caseJson(), oneShot.caseJson)
    }

    func testPreparedPolicyAnswersAsThePolicyGivenEachTime() throws {
        let policy = #"{"schema_version":1,"consent_warn_days":365}"#
        let caseJson = #"{"schema_version":1,"case_id":"k","child":{"birth_date":"2013-03-14"},"guardians":[],"agencies":[{"id":"a","kind":"School","principal":{"id":"p","kind":"Municipality"}}],"consents":[]}"#
        let request = #"{"from":"a","to":"a","category":"Attendance","purpose":"TsiCollaboration","at":"2026-11-23T10:00:00+01:00","actor":"s-1"}"#
        let prepared = try PreparedPolicy(policyJson: policy)
        let oneShot = try mayShare(caseJson: caseJson, requestJson: request, lang: .en, auditPrevJson: nil, policyJson: policy, auditKeyJson: nil)
        let asked = try prepared.prepareSharingCase(caseJson: caseJson).mayShare(requestJson: request, lang: .en, auditPrevJson: nil, auditKeyJson: nil)
        XCTAssertEqual(asked.auditJson, oneShot.auditJson)
        XCTAssertEqual(try prepared.mayShare(caseJson: caseJson, requestJson: request, lang: .en, auditPrevJson: nil, auditKeyJson: nil).auditJson, oneShot.auditJson)
        XCTAssertThrowsError(try PreparedPolicy(policyJson: #"{"schema_version":1,"min_cell":0}"#))
    }

    func testValidatePolicy() throws {
        let report = try validatePolicy(json: #"{"schema_version":1,"min_cell":2}"#, lang: .en)
        XCTAssertTrue(report.valid)
        XCTAssertEqual(report.findings.first?.code, Code.policyMinCellLow)
        XCTAssertEqual(report.findings.first?.severity, .warning)
    }

    func testMayShare() throws {
        let caseJson = #"{"schema_version":1,"case_id":"k","child":{"birth_date":"2008-01-01"},"agencies":[{"id":"a","kind":"School","principal":{"id":"m","kind":"Municipality"}}]}"#
        let request = #"{"from":"a","to":"a","category":"Learning","purpose":"TsiCollaboration","at":"2026-11-23T10:00:00+01:00","actor":"s"}"#
        let decision = try mayShare(caseJson: caseJson, requestJson: request, lang: .sv)
        XCTAssertTrue(decision.allowed)
        guard case .sameAgency = decision.basis else { return XCTFail("basis") }
        let chain = try verifyAuditChain(recordsJson: "[\(decision.auditJson)]", lang: .en)
        XCTAssertTrue(chain.valid)
    }

    func testValidateSip() throws {
        let plan = #"{"schema_version":1,"sip_id":"s","plan_date":"2026-11-20","participants":[]}"#
        let report = try validateSip(sipJson: plan, lang: .en)
        XCTAssertFalse(report.valid)
        XCTAssertTrue(report.findings.contains { $0.code == Code.sipInterventionsMissing && $0.path == "/interventions" })
        XCTAssertFalse(try sipSummary(sipJson: plan, lang: .sv).isEmpty)
    }

    func testCaseProcess() throws {
        XCTAssertEqual(try allowedEvents(caseJson: nil), [EventKind.raise])
        let slots = try nextSlots(scheduleJson: #"{"first_slot":"2026-09-02T13:00:00+02:00"}"#, after: "2026-09-02T13:00:00+02:00", n: 1)
        XCTAssertEqual(slots, ["2026-09-16T13:00:00+02:00"])
        XCTAssertTrue(caseDiagram().hasPrefix("stateDiagram-v2"))
    }

    func testFollowUpAndStatistics() throws {
        let report = try validateMeasures(measuresJson: #"{"ors":[7,8,10.5,8]}"#, lang: .en)
        XCTAssertTrue(report.findings.contains { $0.code == Code.followupValueOutOfRange && $0.path == "/ors/2" })
        let question = #"{"schema_version":1,"birth_date":"2016-05-01","before":{"at":"2026-09-01T10:00:00+02:00","measures":{"ors":[7,7,7,7]}},"after":{"at":"2026-11-10T10:00:00+01:00","measures":{"ors":[8.25,8.25,8.25,8.25]}}}"#
        XCTAssertThrowsError(try classifyChange(questionJson: question))
        let accumulator = try StatsAccumulator(at: "2026-12-01T12:00:00+01:00")
        XCTAssertEqual(accumulator.add(logJson: "[]"), Code.caseMustStartWithRaise)
        let region = try accumulator.merge(other: try StatsAccumulator(at: "2026-12-01T12:00:00+01:00"))
        XCTAssertEqual(region.cases(), 0)
        XCTAssertTrue(try region.publishJson(lang: .sv, minCell: 5).contains("STATS_LOGS_SKIPPED"))
    }
}
