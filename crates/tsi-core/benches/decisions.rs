//! Benchmarks of the calls journal systems make most: a sharing decision, replaying a whole
//! case log, validating a SIP. Run with `scripts/bench` (not part of the tests: timings vary).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use tsi_core::consent::decide::may_share;
use tsi_core::consent::Purpose;
use tsi_core::documents::ShareQuestion;
use tsi_core::sip::{validate_sip, Sip};
use tsi_core::{Lang, Policy};

const QUESTION: &str = include_str!("../../../examples/sharing/denied.json");
const LOG: &str = include_str!("../../../examples/case/log.json");
const SIP: &str = include_str!("../../../examples/sip/invalid.json");

fn decisions(c: &mut Criterion) {
    let policy = Policy::default();
    c.bench_function("may_share (JSON in, decision + audit record out)", |b| {
        b.iter(|| tsi_core::documents::decide_question(black_box(QUESTION), None, &policy, Lang::Sv).unwrap())
    });
    c.bench_function("replay a 23-event case log (JSON)", |b| {
        b.iter(|| tsi_core::documents::replay_case(black_box(LOG), None, None, &policy, Lang::Sv).unwrap())
    });
    c.bench_function("validate_sip (JSON, 8 findings)", |b| {
        b.iter(|| tsi_core::documents::validate_sip(black_box(SIP), &policy, Lang::Sv).unwrap())
    });
}

criterion_group!(benches, decisions, growth, remedies, plans, prepared, matrix);
criterion_main!(benches);

/// The allowed example question with `n` consents: the first `n - 1` do not cover the request
/// (another purpose), the last one does — or none does, for a denial.
fn question_with_consents(n: usize, allowed: bool) -> ShareQuestion {
    let mut q: ShareQuestion = serde_json::from_str(include_str!("../../../examples/sharing/allowed.json")).unwrap();
    let template = q.case.consents[0].clone();
    q.case.consents = (0..n)
        .map(|k| {
            let mut c = template.clone();
            c.id = format!("samtycke-{k}");
            if k + 1 < n || !allowed {
                c.purpose = Purpose::Sip;
            }
            c
        })
        .collect();
    q
}

/// The valid example SIP with `n` interventions (copies of its first, new ids).
fn sip_with_interventions(n: usize) -> Sip {
    let mut sip: Sip = serde_json::from_str(include_str!("../../../examples/sip/valid.json")).unwrap();
    let template = sip.interventions[0].clone();
    sip.interventions = (0..n)
        .map(|k| {
            let mut iv = template.clone();
            iv.id = format!("i{k}");
            iv
        })
        .collect();
    sip
}

fn growth(c: &mut Criterion) {
    let mut policy = Policy::default();
    policy.limits.max_interventions = 1_000;
    let mut g = c.benchmark_group("may_share by consents (decision only)");
    for n in [10usize, 100, 1_000] {
        for allowed in [true, false] {
            let q = question_with_consents(n, allowed);
            let d = may_share(&q.case, &q.request, &policy, Lang::Sv).unwrap();
            assert_eq!(d.allowed, allowed);
            let name = format!("{n} {}", if allowed { "allowed" } else { "denied" });
            g.bench_function(BenchmarkId::from_parameter(name), |b| {
                b.iter(|| may_share(black_box(&q.case), &q.request, &policy, Lang::Sv).unwrap())
            });
        }
    }
    g.finish();
    let mut g = c.benchmark_group("validate_sip by interventions");
    for n in [5usize, 50, 500] {
        let sip = sip_with_interventions(n);
        let text = serde_json::to_string(&sip).unwrap();
        g.bench_function(BenchmarkId::new("parsed", n), |b| b.iter(|| validate_sip(black_box(&sip), &policy)));
        g.bench_function(BenchmarkId::new("JSON", n), |b| {
            b.iter(|| tsi_core::documents::validate_sip(black_box(&text), &policy, Lang::Sv).unwrap())
        });
    }
    g.finish();
}

/// #27: remedies beside the one `may_share` they answer, at three sizes (goal: within 10× at
/// 100 consents). The denied question: every consent for another purpose.
fn remedies(c: &mut Criterion) {
    let policy = Policy::default();
    let mut g = c.benchmark_group("remedies vs may_share by consents (denied)");
    for n in [10usize, 100, 999] {
        // 999: the default policy holds 1 000 consents, so the draft still fits.
        let q = question_with_consents(n, false);
        let r = tsi_core::consent::remedy::remedies(&q.case, &q.request, &policy, Lang::Sv).unwrap();
        assert!(!r.allowed && !r.remedies.is_empty());
        g.bench_function(BenchmarkId::new("may_share", n), |b| {
            b.iter(|| may_share(black_box(&q.case), &q.request, &policy, Lang::Sv).unwrap())
        });
        g.bench_function(BenchmarkId::new("remedies", n), |b| {
            b.iter(|| tsi_core::consent::remedy::remedies(black_box(&q.case), &q.request, &policy, Lang::Sv).unwrap())
        });
        // A prepared case does not check the case again for each question (the request is read).
        let case = serde_json::to_string(&q.case).unwrap();
        let request = serde_json::to_string(&q.request).unwrap();
        let prepared = tsi_core::documents::PreparedSharingCase::new(&case, policy.clone()).unwrap();
        assert_eq!(prepared.remedies(&request, Lang::Sv).unwrap(), r);
        g.bench_function(BenchmarkId::new("remedies, prepared", n), |b| {
            b.iter(|| prepared.remedies(black_box(&request), Lang::Sv).unwrap())
        });
    }
    g.finish();
}

/// #30: a question to a prepared case (the request read, the case not) beside the one-shot
/// call that reads both, at three sizes: what preparing a case once buys a caller that asks
/// it many questions.
fn prepared(c: &mut Criterion) {
    let policy = Policy::default();
    let mut g = c.benchmark_group("may_share JSON: one-shot vs prepared case, by consents (allowed)");
    for n in [10usize, 100, 1_000] {
        let q = question_with_consents(n, true);
        let (case, request) = (serde_json::to_string(&q.case).unwrap(), serde_json::to_string(&q.request).unwrap());
        let prepared = tsi_core::documents::PreparedSharingCase::new(&case, policy.clone()).unwrap();
        let one_shot = tsi_core::documents::may_share(&case, &request, None, None, &policy, Lang::Sv).unwrap();
        assert_eq!(prepared.may_share(&request, None, None, Lang::Sv).unwrap(), one_shot);
        g.bench_function(BenchmarkId::new("one-shot", n), |b| {
            b.iter(|| {
                tsi_core::documents::may_share(black_box(&case), &request, None, None, &policy, Lang::Sv).unwrap()
            })
        });
        g.bench_function(BenchmarkId::new("prepared", n), |b| {
            b.iter(|| prepared.may_share(black_box(&request), None, None, Lang::Sv).unwrap())
        });
    }
    g.finish();
}

/// #29: the sharing matrix of a case with five recipients (40 cells) beside the 40 `may_share`
/// calls it replaces, one-shot and on a prepared case, at three sizes.
fn matrix(c: &mut Criterion) {
    let policy = Policy::default();
    let mut g = c.benchmark_group("sharing matrix (5 recipients x 8 categories) vs 40 may_share calls, by consents");
    g.sample_size(20);
    for n in [10usize, 100, 1_000] {
        let mut q = question_with_consents(n, true);
        let mut sixth = q.case.agencies[1].clone();
        sixth.id = "elevhalsa-2".into();
        q.case.agencies.push(sixth);
        let case = serde_json::to_string(&q.case).unwrap();
        let r = &q.request;
        let matrix_request =
            serde_json::json!({"from": r.from, "purpose": r.purpose, "at": r.at, "actor": r.actor}).to_string();
        let requests: Vec<String> = q
            .case
            .agencies
            .iter()
            .filter(|a| a.id != r.from)
            .flat_map(|a| {
                tsi_core::category::InformationCategory::ALL.map(|category| {
                    let one = tsi_core::consent::decide::ShareRequest { to: a.id.clone(), category, ..r.clone() };
                    serde_json::to_string(&one).unwrap()
                })
            })
            .collect();
        assert_eq!(requests.len(), 40);
        let prepared = tsi_core::documents::PreparedSharingCase::new(&case, policy.clone()).unwrap();
        g.bench_function(BenchmarkId::new("matrix, one-shot", n), |b| {
            b.iter(|| {
                tsi_core::documents::sharing_matrix(black_box(&case), &matrix_request, None, None, &policy, Lang::Sv)
                    .unwrap()
            })
        });
        g.bench_function(BenchmarkId::new("matrix, prepared", n), |b| {
            b.iter(|| prepared.sharing_matrix(black_box(&matrix_request), None, None, Lang::Sv).unwrap())
        });
        g.bench_function(BenchmarkId::new("40 may_share, one-shot", n), |b| {
            b.iter(|| {
                for request in &requests {
                    tsi_core::documents::may_share(black_box(&case), request, None, None, &policy, Lang::Sv).unwrap();
                }
            })
        });
        g.bench_function(BenchmarkId::new("40 may_share, prepared", n), |b| {
            b.iter(|| {
                for request in &requests {
                    prepared.may_share(black_box(request), None, None, Lang::Sv).unwrap();
                }
            })
        });
    }
    g.finish();
}

/// #27/#30: a consent plan already covered by the last of `n` consents, so that no checkpoint
/// stops the sweep early. The consents all begin before the period and end with it, so only
/// its two ends are checkpoints: this measures the case's check and one judgement per end.
/// Then the same with the first `n - 1` consents (another purpose) each beginning a minute apart
/// inside the period: every start is a checkpoint, and each checkpoint's judgement reads the
/// consents before it finds the last — quadratic in consents; this measures what that costs at
/// the policy's limit.
fn plans(c: &mut Criterion) {
    plan_group(c, "plan_consent, covered, by consents", false);
    plan_group(c, "plan_consent, covered, consents beginning inside the period", true);
}

fn plan_group(c: &mut Criterion, name: &str, starts_inside: bool) {
    let policy = Policy::default();
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    for n in [10usize, 100, 1_000] {
        let mut q = question_with_consents(n, true);
        let (valid_from, valid_until) = (q.request.at, q.case.consents[n - 1].valid_until);
        if starts_inside {
            for (k, consent) in q.case.consents.iter_mut().take(n - 1).enumerate() {
                let at = valid_from.as_datetime() + chrono::Duration::minutes(i64::try_from(k + 1).unwrap());
                consent.valid_from = tsi_core::time::Instant::parse(&at.to_rfc3339()).unwrap();
            }
        }
        let plan = tsi_core::consent::plan::SharingPlan {
            from: q.request.from.clone(),
            recipients: vec![q.request.to.clone()],
            categories: vec![q.request.category],
            concern_areas: Vec::new(),
            purpose: q.request.purpose.clone(),
            valid_from,
            valid_until,
            actor: q.request.actor.clone(),
        };
        let planned = tsi_core::consent::plan::plan_consent(&q.case, &plan, &policy, Lang::Sv).unwrap();
        assert!(planned.covered);
        g.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| tsi_core::consent::plan::plan_consent(black_box(&q.case), &plan, &policy, Lang::Sv).unwrap())
        });
    }
    g.finish();
}
