//! Optimiser study: how often a fitted exponential smoothing model ends above (or below)
//! statsmodels' in-sample SSE, and at what cost, for several numbers of optimiser starts, on
//! series other than the reference grid's. It measures the choice of
//! `ruv_forecasting::ets::DEFAULT_STARTS`; `bench/optimizer_study.sh` generates the study files
//! with statsmodels and runs it:
//!
//! ```text
//! RUV_ETS_STUDY=a.txt:b.txt cargo test --release -p ruv-forecasting --test optimizer_study \
//!     -- --ignored --nocapture
//! ```

use std::collections::HashMap;
use std::time::Instant;

use ruv_forecasting::ets::{self, EtsOptions, EtsSpec, Initialization, Seasonality};

struct Study {
    series: HashMap<String, Vec<f64>>,
    cases: Vec<HashMap<String, Vec<String>>>,
}

fn parse(text: &str) -> Study {
    let mut study = Study {
        series: HashMap::new(),
        cases: Vec::new(),
    };
    let mut current: Option<HashMap<String, Vec<String>>> = None;
    for line in text.lines() {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let Some((&key, rest)) = tokens.split_first() else {
            continue;
        };
        match key {
            k if k.starts_with('#') => {}
            "series" if current.is_none() => {
                let values = rest[2..].iter().map(|t| t.parse().expect("number"));
                study.series.insert(rest[0].to_string(), values.collect());
            }
            "skipped" => {}
            "case" => current = Some(HashMap::new()),
            "end" => study.cases.push(current.take().expect("end without case")),
            _ => {
                let case = current.as_mut().expect("attribute outside a case");
                case.insert(
                    key.to_string(),
                    rest.iter().map(|t| t.to_string()).collect(),
                );
            }
        }
    }
    study
}

#[test]
#[ignore = "needs study files from bench/optimizer_study.sh"]
fn starts_against_statsmodels() {
    let paths = std::env::var("RUV_ETS_STUDY").expect("RUV_ETS_STUDY=<file>[:<file>...]");
    let studies: Vec<Study> = paths
        .split(':')
        .map(|p| parse(&std::fs::read_to_string(p).expect("study file")))
        .collect();
    println!("starts   fits   above +0.01%   below -0.01%   worst ratio   time");
    for starts in [1, 2, 4, 6, 8] {
        let (mut fits, mut above, mut below, mut worst) = (0, 0, 0, 0.0_f64);
        let clock = Instant::now();
        for study in &studies {
            for c in &study.cases {
                let s = |k: &str| c[k][0].as_str();
                let f = |k: &str| c.get(k).map(|v| v[0].parse::<f64>().expect("number"));
                let y = &study.series[s("series")];
                let spec = EtsSpec {
                    trend: s("trend") == "add",
                    damped: s("damped") == "1",
                    seasonal: match s("seasonal") {
                        "add" => Seasonality::Additive,
                        "mul" => Seasonality::Multiplicative,
                        _ => Seasonality::None,
                    },
                    period: s("period").parse().expect("period"),
                };
                let mut opts = EtsOptions {
                    initialization: match s("initialization") {
                        "known" => Initialization::Known,
                        "heuristic" => Initialization::Heuristic,
                        _ => Initialization::Estimated,
                    },
                    starts,
                    ..EtsOptions::default()
                };
                if opts.initialization == Initialization::Known {
                    opts.initial_level = f("initial_level");
                    opts.initial_trend = f("initial_trend");
                    opts.initial_seasonal = c
                        .get("initial_seasonal")
                        .map(|v| v.iter().map(|t| t.parse().expect("number")).collect());
                }
                let fit = ets::fit(y, &spec, &opts).expect("fit");
                let sm = f("sse").expect("sse");
                // An exact fit (R^2 within 1e-9 of 1) counts as equal, as in the reference tests.
                let mean = y.iter().sum::<f64>() / y.len() as f64;
                let floor = 1e-9 * y.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>();
                let ratio = fit.sse.max(floor) / sm.max(floor);
                fits += 1;
                above += usize::from(ratio > 1.0001);
                below += usize::from(ratio < 0.9999);
                worst = worst.max(ratio);
            }
        }
        println!(
            "{starts:6} {fits:6} {above:14} {below:14} {worst:13.6} {:6.2?}",
            clock.elapsed()
        );
    }
}
