use super::*;
use asocia_core::firm::Flow;

fn infos() -> Vec<&'static MetricInfo> {
    Table::ALL.iter().flat_map(|t| t.metrics()).collect()
}

/// A group whose every field differs, so that a metric reading the wrong field is seen.
fn distinct_group() -> GroupStats {
    GroupStats {
        group: Some(7),
        alive: 1,
        exited: 2,
        initial: 99,
        survival_rate: 0.03,
        capital_mean: 4.0,
        capital_median: 5.0,
        capital_gini: 0.06,
        welfare: 7.0,
        welfare_per_firm: 8.0,
        decisions: 9,
        cooperative: 98,
        coop_rate: 0.1,
        trust_mean: 0.11,
        trust_q10: 0.12,
        trust_q50: 0.13,
        trust_q90: 0.14,
        opportunism_mean: 0.15,
        productivity_mean: 16.0,
        ties: 17,
        degree_mean: 18.0,
        clustering: Some(0.19),
        largest_component_share: None,
        assoc_members: 23,
        assoc_joins: 24,
        assoc_departures: 25,
        assoc_treasury: 26.0,
        assoc_trust_mean: 0.27,
        buying_savings: 71.0,
        free_riders: 72,
        free_riders_detected: 73,
    }
}

#[test]
fn classic_metrics_read_their_own_fields() {
    let r = StepRecord {
        step: 5,
        alive: 10,
        cooperators: 3,
        coop_rate: 0.3,
        payoff_mean: -1.5,
    };
    let got: Vec<Value> = CLASSIC_STEP.iter().map(|m| (m.value)(&r)).collect();
    use Value::{Count, Missing, Real};
    assert_eq!(got, [Count(10), Count(3), Real(0.3), Real(-1.5)]);
    assert_eq!(classic_step_values(&r), [10.0, 3.0, 0.3, -1.5]);
    let s = RunSummary {
        steps_run: 5,
        coop_rate_final: 0.25,
        payoff_mean_final: 1.5,
        absorbed_at: None,
    };
    let got: Vec<Value> = CLASSIC_FINAL.iter().map(|m| (m.value)(&s)).collect();
    assert_eq!(got, [Count(5), Real(0.25), Real(1.5), Missing]);
    let absorbed = RunSummary {
        absorbed_at: Some(2),
        ..s
    };
    assert_eq!(classic_final_values(&absorbed), [5.0, 0.25, 1.5, 2.0]);
}

#[test]
fn firm_step_metrics_read_their_own_fields_per_group_or_from_the_record() {
    let g = distinct_group();
    let r = FirmRecord {
        step: 3,
        groups: vec![g],
        treasury: 20.0,
        crisis: true,
        ledger: {
            let mut l = asocia_core::firm::Ledger::default();
            l[Flow::FinesPaid] = 21.0;
            l[Flow::FinesToVictims] = 97.0;
            l[Flow::Subsidies] = 22.0;
            l[Flow::AssociationFeesPaid] = 28.0;
            l[Flow::AssociationFeesReceived] = 95.0;
            l[Flow::TrainingCosts] = 41.0;
            l[Flow::PublicMonitoringCosts] = 42.0;
            l[Flow::InfrastructureCosts] = 43.0;
            l[Flow::TiesByClosure] = 29.0;
            l[Flow::TiesByMeeting] = 30.0;
            l[Flow::TiesByIntroduction] = 31.0;
            l[Flow::FacilitationCost] = 0.32;
            l[Flow::FairAttendees] = 33.0;
            l[Flow::TiesAtFairs] = 34.0;
            l[Flow::FairRevenue] = 0.35;
            l[Flow::FairCost] = 0.36;
            l[Flow::ContractValue] = 65.0;
            l[Flow::ContractPenalties] = 66.0;
            l[Flow::AnchorPurchases] = 67.0;
            l[Flow::AnchorSales] = 93.0;
            l[Flow::InputCosts] = 74.0;
            l[Flow::BuyingGroupFinesPaid] = 75.0;
            l[Flow::BuyingGroupFinesReceived] = 94.0;
            l[Flow::BuyingGroupMonitoring] = 76.0;
            l[Flow::BuyingGroupSavings] = 91.0;
            l
        },
        capital_total: 96.0,
        budget_left: Some(60.0),
        alliances: asocia_core::firm::AllianceCounts {
            formed: 61,
            completed: 62,
            failed: 63,
            declined: 64,
        },
        assisted: 68,
    };
    let mut text = Vec::new();
    for m in &FIRM_STEP {
        let mut s = String::new();
        m.value.of(&r, &g).write_to(&mut s);
        text.push(s);
    }
    // Column by column, as the fields were numbered above: clustering 0.19, no largest
    // component (empty), crisis 1, treasury 20, fines paid 21, subsidies 22; association
    // members 23, joins 24, departures 25, treasury 26, trust 0.27, fees 28; training 41,
    // public monitoring 42, infrastructure 43, public spending 22 + 41 + 42 + 43 + 0.32 +
    // 0.36 = 148.68, budget left 60; ties by closure 29, meeting 30, introduction 31,
    // facilitation cost 0.32; fair attendees 33, ties at fairs 34, fair revenue 0.35, fair
    // cost 0.36; consortia formed 61, completed 62, failed 63, declined 64, contract value
    // 65, penalties 66; anchor purchases 67, suppliers assisted 68; buying group savings 71,
    // free-riders 72, detected 73, input costs 74, fines 75, monitoring 76.
    assert_eq!(
        text.join(","),
        "1,2,0.03,4,5,0.06,7,8,9,0.1,0.11,0.12,0.13,0.14,0.15,16,17,18,0.19,,1,20,21,22,23,24,25,26,0.27,28,41,42,43,148.68,60,29,30,31,0.32,33,34,0.35,0.36,61,62,63,64,65,66,67,68,71,72,73,74,75,76"
    );
    let per_group: Vec<&str> = FIRM_STEP
        .iter()
        .filter(|m| !m.value.per_group())
        .map(|m| m.info.name)
        .collect();
    assert_eq!(
        per_group,
        [
            "crisis",
            "treasury",
            "fines_paid",
            "subsidies",
            "association_fees",
            "training_costs",
            "public_monitoring_costs",
            "infrastructure_costs",
            "public_spending",
            "budget_left",
            "ties_by_closure",
            "ties_by_meeting",
            "ties_by_introduction",
            "facilitation_cost",
            "fair_attendees",
            "ties_at_fairs",
            "fair_revenue",
            "fair_cost",
            "alliances_formed",
            "alliances_completed",
            "alliances_failed",
            "alliances_declined",
            "contract_value",
            "contract_penalties",
            "anchor_purchases",
            "anchor_assisted",
            "input_costs",
            "buying_group_fines",
            "buying_group_monitoring"
        ]
    );
    let v = firm_step_values(&r, &g);
    assert_eq!(v.len(), FIRM_STEP_SUMMARISED.len());
    assert_eq!(v[..4], [1.0, 0.03, 4.0, 5.0]);
    assert!(v[17].is_nan(), "missing largest component is NaN");
}

#[test]
fn firm_final_metrics_read_their_own_fields() {
    let s = FirmSummary {
        steps_run: 40,
        last: distinct_group(),
        welfare_total: 41.0,
        exits: 42,
        entries: 43,
        treasury: 44.0,
        fines_total: 45.0,
        public_cost_total: 46.0,
        firm_steps: 47,
        budget_left: Some(48.0),
    };
    assert_eq!(
        firm_final_values(&s),
        [
            40.0, 1.0, 0.03, 4.0, 0.06, 41.0, 0.1, 0.11, 0.15, 17.0, 42.0, 43.0, 45.0, 44.0, 46.0,
            47.0, 16.0
        ]
    );
}

#[test]
fn summarised_step_metrics_are_all_but_the_recorded_ones() {
    assert_eq!(
        CLASSIC_STEP_SUMMARISED,
        ["alive", "cooperators", "coop_rate", "payoff_mean"]
    );
    assert_eq!(
        FIRM_STEP_SUMMARISED,
        [
            "alive",
            "survival_rate",
            "capital_mean",
            "capital_median",
            "capital_gini",
            "welfare",
            "welfare_per_firm",
            "coop_rate",
            "trust_mean",
            "trust_q10",
            "trust_q50",
            "trust_q90",
            "opportunism_mean",
            "productivity_mean",
            "ties",
            "degree_mean",
            "clustering",
            "largest_component_share",
        ]
    );
    // Final metrics are all compared or constant: none is only recorded.
    for m in CLASSIC_FINAL
        .iter()
        .map(|m| &m.info)
        .chain(FIRM_FINAL.iter().map(|m| &m.info))
    {
        assert_ne!(m.shown, Shown::Recorded, "{}", m.name);
    }
}

#[test]
fn every_entry_is_complete_and_consistent() {
    for t in Table::ALL {
        let header = t.header();
        let mut sorted = header.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), header.len(), "{t:?}: a column named twice");
    }
    for i in infos() {
        assert!(!i.label.is_empty() && !i.meaning.is_empty(), "{}", i.name);
        // Labels are words, not column names; table cells hold no column separator.
        assert!(!i.label.contains('_'), "{}", i.name);
        assert!(
            !(i.meaning.contains('|') || i.ty.contains('|')),
            "{}",
            i.name
        );
        // A metric that can be undefined says so in its type, and only such a metric does.
        assert_eq!(
            i.ty.contains("empty"),
            !i.undefined.is_empty(),
            "{}: type `{}`, undefined `{}`",
            i.name,
            i.ty,
            i.undefined
        );
        if i.share {
            assert!(i.ty.contains("[0, 1]"), "{}: a share in [0, 1]", i.name);
        }
    }
}

#[test]
fn the_documented_type_matches_the_value_kind() {
    let g = distinct_group();
    let r = FirmRecord {
        groups: vec![g],
        budget_left: Some(0.5),
        ..FirmRecord::default()
    };
    let kinds = CLASSIC_STEP
        .iter()
        .map(|m| {
            (
                &m.info,
                (m.value)(&StepRecord {
                    step: 0,
                    alive: 1,
                    cooperators: 1,
                    coop_rate: 0.5,
                    payoff_mean: 0.5,
                }),
            )
        })
        .chain(CLASSIC_FINAL.iter().map(|m| {
            let s = RunSummary {
                steps_run: 1,
                coop_rate_final: 0.5,
                payoff_mean_final: 0.5,
                absorbed_at: Some(1),
            };
            (&m.info, (m.value)(&s))
        }))
        .chain(FIRM_STEP.iter().map(|m| (&m.info, m.value.of(&r, &g))))
        .chain(FIRM_FINAL.iter().map(|m| {
            let s = FirmSummary {
                steps_run: 1,
                last: g,
                welfare_total: 0.5,
                exits: 1,
                entries: 1,
                treasury: 0.5,
                fines_total: 0.5,
                public_cost_total: 0.5,
                firm_steps: 1,
                budget_left: Some(0.5),
            };
            (&m.info, (m.value)(&s))
        }));
    for (info, v) in kinds {
        match v {
            Value::Count(_) => assert!(
                info.ty.starts_with("integer") || info.ty == "0 or 1",
                "{}: a count documented as `{}`",
                info.name,
                info.ty
            ),
            Value::Real(_) => assert!(info.ty.starts_with("float"), "{}", info.name),
            // Only `largest_component_share` of `distinct_group` is missing.
            Value::Missing => assert_eq!(info.name, "largest_component_share"),
        }
    }
}

#[test]
fn values_are_written_as_fmt_f64_writes_them() {
    for x in [
        0.0,
        -0.0,
        1.0,
        0.1 + 0.2,
        -2.5e-300,
        1e21,
        f64::NAN,
        f64::INFINITY,
    ] {
        let mut s = String::new();
        Value::Real(x).write_to(&mut s);
        assert_eq!(s, crate::fmt_f64(x));
    }
    let mut s = String::new();
    Value::Count(u64::MAX).write_to(&mut s);
    assert_eq!(s, u64::MAX.to_string());
    s.clear();
    Value::Missing.write_to(&mut s);
    assert_eq!(s, "");
    assert!(Value::Missing.as_f64().is_nan());
}

#[test]
fn markdown_lists_every_column_in_header_order() {
    let md = Table::FirmSummary.markdown();
    let names: Vec<&str> = md
        .lines()
        .skip(2)
        .map(|l| l.split('`').nth(1).unwrap())
        .collect();
    assert_eq!(names, Table::FirmSummary.header());
    assert!(md.contains("| `ties_final` | integer | ties | ties at the last step |\n"));
    assert!(md.contains("| `run` | integer | – | run number"));
}
