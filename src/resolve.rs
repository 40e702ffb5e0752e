//! Names to ids: stages, pipelines, owners, labels, fields. One set of rules for every vendor:
//! an id or an exact name wins, else a case-insensitive one when it is unique; an unknown value
//! is exit 3 with the candidates; an ambiguous one is exit 2 with them; an unknown field name is
//! exit 2 with a "did you mean", an ambiguous one exit 2 with the candidates ([`find_field`]).
//!
//! Pipelines, stages and users resolve here for every vendor ([`pipeline`], [`stage`], [`user`]):
//! each vendor's metadata types, and the common [`Pipeline`], [`Stage`] and [`User`], say what
//! they are called through [`Named`], [`InPipeline`] and [`Person`].

use crate::error::Error;
use crate::model::{Pipeline, Stage, User};

/// A pipeline, a stage or a user: what a name resolves among.
pub trait Named {
    fn id(&self) -> &str;
    fn name(&self) -> &str;
}

/// A stage, which names repeat across pipelines: the pipeline it belongs to.
pub trait InPipeline: Named {
    fn pipeline_id(&self) -> &str;
}

/// A user, found by email as well as by id and name.
pub trait Person: Named {
    fn email(&self) -> Option<&str>;
}

/// Implements [`Named`] for a type from its fields, and [`InPipeline`] or [`Person`] when the
/// stage's pipeline or the user's email is given: `named!(UserWire { id: id, name: name, email: email })`.
macro_rules! named {
    ($type:ty { id: $id:ident, name: $name:ident $(, pipeline: $pipeline:ident)? $(, email: $email:ident)? }) => {
        impl $crate::resolve::Named for $type {
            fn id(&self) -> &str {
                &self.$id
            }
            fn name(&self) -> &str {
                &self.$name
            }
        }
        $(impl $crate::resolve::InPipeline for $type {
            fn pipeline_id(&self) -> &str {
                &self.$pipeline
            }
        })?
        $(impl $crate::resolve::Person for $type {
            fn email(&self) -> Option<&str> {
                self.$email.as_deref()
            }
        })?
    };
}
pub(crate) use named;

named!(Pipeline { id: id, name: name });
named!(Stage {
    id: id,
    name: name,
    pipeline: pipeline_id
});
named!(User {
    id: id,
    name: name,
    email: email
});

/// A pipeline by id or name.
pub fn pipeline<'a, P: Named>(input: &str, pipelines: &'a [P]) -> Result<&'a P, Error> {
    let candidates: Vec<Candidate> = pipelines
        .iter()
        .map(|p| Candidate::new(p.id(), p.name()))
        .collect();
    Ok(&pipelines[resolve_index("pipeline", input, &candidates)?])
}

/// A stage by id, name or `Pipeline/Stage` among `stages` (see [`resolve_stage`]), within the
/// pipeline `within` when one is given. `pipelines` name each stage's pipeline in the candidates
/// (by its id when it is not among them).
pub fn stage<'a, P: Named, S: InPipeline>(
    input: &str,
    pipelines: &[P],
    stages: &'a [S],
    within: Option<&P>,
) -> Result<&'a S, Error> {
    let scope: Vec<&S> = stages
        .iter()
        .filter(|s| within.is_none_or(|p| p.id() == s.pipeline_id()))
        .collect();
    let candidates: Vec<StageCandidate> = scope
        .iter()
        .map(|s| StageCandidate {
            id: s.id().to_string(),
            name: s.name().to_string(),
            pipeline_id: s.pipeline_id().to_string(),
            pipeline: pipelines
                .iter()
                .find(|p| p.id() == s.pipeline_id())
                .map_or(s.pipeline_id(), |p| p.name())
                .to_string(),
        })
        .collect();
    Ok(scope[resolve_stage(input, &candidates)?])
}

/// How a user is listed among the candidates: `kind` is what messages call one ("owner",
/// "user"); `with_email` shows each one's email after the name.
pub struct UserWords<'a> {
    pub kind: &'a str,
    pub with_email: bool,
}

/// A user by email (case-insensitive), id or name.
pub fn user<'a, U: Person>(words: UserWords, input: &str, users: &'a [U]) -> Result<&'a U, Error> {
    let wanted = input.trim();
    if let Some(u) = users
        .iter()
        .find(|u| u.email().is_some_and(|e| e.eq_ignore_ascii_case(wanted)))
    {
        return Ok(u);
    }
    let candidates: Vec<Candidate> = users
        .iter()
        .map(|u| {
            let c = Candidate::new(u.id(), u.name());
            match u.email().filter(|_| words.with_email) {
                Some(e) => c.within(e),
                None => c,
            }
        })
        .collect();
    Ok(&users[resolve_index(words.kind, input, &candidates)?])
}

/// One thing a name can resolve to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    /// Shown after the name to tell candidates apart (e.g. the pipeline of a stage).
    pub context: Option<String>,
}

impl Candidate {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Candidate {
            id: id.into(),
            name: name.into(),
            context: None,
        }
    }

    pub fn within(mut self, context: impl Into<String>) -> Self {
        self.context = Some(context.into());
        self
    }

    fn describe(&self) -> String {
        match &self.context {
            Some(c) => format!("{} (id {}, {c})", self.name, self.id),
            None => format!("{} (id {})", self.name, self.id),
        }
    }
}

/// Candidates as messages list them, one an indented line.
fn list<C>(candidates: &[&C], describe: fn(&C) -> String) -> String {
    candidates
        .iter()
        .map(|c| format!("  {}", describe(c)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Resolves a value the user typed (`kind` is "stage", "owner", …) to one candidate.
pub fn resolve<'a>(
    kind: &str,
    input: &str,
    candidates: &'a [Candidate],
) -> Result<&'a Candidate, Error> {
    Ok(&candidates[resolve_index(kind, input, candidates)?])
}

/// [`resolve`], giving the candidate's index.
fn resolve_index(kind: &str, input: &str, candidates: &[Candidate]) -> Result<usize, Error> {
    let wanted = input.trim();
    if let Some(i) = candidates.iter().position(|c| c.id == wanted) {
        return Ok(i);
    }
    let matching = |same: &dyn Fn(&Candidate) -> bool| -> Vec<usize> {
        (0..candidates.len())
            .filter(|&i| same(&candidates[i]))
            .collect()
    };
    let exact = matching(&|c| c.name == wanted);
    let matches = if exact.is_empty() {
        matching(&|c| c.name.eq_ignore_ascii_case(wanted))
    } else {
        exact
    };
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => {
            let all: Vec<&Candidate> = candidates.iter().collect();
            let known = if all.is_empty() {
                format!("there are no {}", plural(kind))
            } else {
                format!(
                    "the {} are:\n{}",
                    plural(kind),
                    list(&all, Candidate::describe)
                )
            };
            Err(Error::NotFound {
                message: format!("no {kind} named {wanted:?}"),
                hint: Some(known),
            })
        }
        several => {
            let listed: Vec<&Candidate> = several.iter().map(|&i| &candidates[i]).collect();
            Err(Error::usage_hint(
                format!("{kind} {wanted:?} is ambiguous: {} match", several.len()),
                format!(
                    "use the id of one of:\n{}",
                    list(&listed, Candidate::describe)
                ),
            ))
        }
    }
}

/// A stage with the pipeline it belongs to: stage names repeat across pipelines (every vendor
/// lets two pipelines both have a "Contract Sent"), so a stage is shown as `Pipeline/Stage`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageCandidate {
    pub id: String,
    pub name: String,
    pub pipeline_id: String,
    pub pipeline: String,
}

impl StageCandidate {
    fn describe(&self) -> String {
        format!("{}/{} (id {})", self.pipeline, self.name, self.id)
    }
}

/// Resolves a stage the user typed, on every command and every vendor: an id, a name, or
/// `Pipeline/Stage`. `stages` are the candidates in scope (one pipeline's when the user named
/// the pipeline, else every pipeline's). A name that several pipelines have is ambiguous (exit 2,
/// listing each as `Pipeline/Stage`); none is exit 3 with the list. Returns the index in `stages`.
pub fn resolve_stage(input: &str, stages: &[StageCandidate]) -> Result<usize, Error> {
    let wanted = input.trim();
    let pick = |hits: Vec<usize>| -> Result<Option<usize>, Error> {
        match hits.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            several => {
                let listed: Vec<&StageCandidate> = several.iter().map(|&i| &stages[i]).collect();
                Err(Error::usage_hint(
                    format!(
                        "stage {wanted:?} is ambiguous: {} pipelines have it",
                        several.len()
                    ),
                    format!(
                        "name the pipeline with --pipeline, or write the stage as \"Pipeline/Stage\":\n{}",
                        list(&listed, StageCandidate::describe)
                    ),
                ))
            }
        }
    };
    let matching = |test: &dyn Fn(&StageCandidate) -> bool| -> Vec<usize> {
        (0..stages.len()).filter(|&i| test(&stages[i])).collect()
    };
    if let Some(i) = pick(matching(&|s| s.id == wanted))? {
        return Ok(i);
    }
    let exact = matching(&|s| s.name == wanted);
    let named = if exact.is_empty() {
        matching(&|s| s.name.eq_ignore_ascii_case(wanted))
    } else {
        exact
    };
    if let Some(i) = pick(named)? {
        return Ok(i);
    }
    // `Pipeline/Stage`, split at each '/' in turn: names may hold a '/' themselves.
    let mut qualified = Vec::new();
    for (at, _) in wanted.match_indices('/') {
        let (pipeline, stage) = (wanted[..at].trim(), wanted[at + 1..].trim());
        qualified.extend(matching(&|s| {
            (s.pipeline_id == pipeline || s.pipeline.eq_ignore_ascii_case(pipeline))
                && (s.id == stage || s.name.eq_ignore_ascii_case(stage))
        }));
    }
    qualified.sort_unstable();
    qualified.dedup();
    if let Some(i) = pick(qualified)? {
        return Ok(i);
    }
    let all: Vec<&StageCandidate> = stages.iter().collect();
    let known = if all.is_empty() {
        "there are no stages".to_string()
    } else {
        format!("the stages are:\n{}", list(&all, StageCandidate::describe))
    };
    Err(Error::NotFound {
        message: format!("no stage named {wanted:?}"),
        hint: Some(known),
    })
}

/// The plural of a kind of thing: `property` → `properties`, `stage` → `stages`.
fn plural(kind: &str) -> String {
    match kind.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{kind}s"),
    }
}

/// The closest known name to `input`, if any is close enough to be a typo.
pub fn did_you_mean<'a>(input: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = input.to_lowercase();
    names
        .into_iter()
        .map(|n| (strsim::jaro_winkler(&lower, &n.to_lowercase()), n))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// An unknown field or property name: exit 2, with the nearest known name.
pub fn unknown_field<'a>(
    kind: &str,
    input: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Error {
    let hint = match did_you_mean(input, names) {
        Some(n) => format!("did you mean {n:?}?"),
        None => format!(
            "list the {} with `crm deals fields` or check the spelling",
            plural(kind)
        ),
    };
    Error::usage_hint(format!("unknown {kind} {input:?}"), hint)
}

/// How a typed field name matched: see [`find_field`].
pub enum FieldMatch<'a, T> {
    One(&'a T),
    None,
    Several(Vec<&'a T>),
}

/// The matching behind [`find_field`], for callers that word the unknown case themselves.
pub fn match_field<'a, T>(
    input: &str,
    fields: &'a [T],
    names: impl Fn(&'a T) -> Vec<&'a str>,
) -> FieldMatch<'a, T> {
    let wanted = input.trim();
    let matching = |same: &dyn Fn(&str) -> bool| -> Vec<&'a T> {
        fields
            .iter()
            .filter(|f| names(f).into_iter().any(same))
            .collect()
    };
    let exact = matching(&|n: &str| n == wanted);
    let mut found = if exact.is_empty() {
        matching(&|n: &str| n.eq_ignore_ascii_case(wanted))
    } else {
        exact
    };
    match found.len() {
        0 => FieldMatch::None,
        1 => FieldMatch::One(found.remove(0)),
        _ => FieldMatch::Several(found),
    }
}

/// A field or property name the user typed (`--fields custom.NAME`, `--set`, `--unset`,
/// `--custom`, `--match`, a map file's `[custom]`) among `fields`, each known by one or more
/// names (its name, and its label or key where the vendor has one). One rule everywhere: an
/// exact name wins; otherwise a case-insensitive match when it is unique; several matches are
/// exit 2 listing them; none is exit 2 with a "did you mean" (a field's first name).
pub fn find_field<'a, T>(
    kind: &str,
    input: &str,
    fields: &'a [T],
    names: impl Fn(&'a T) -> Vec<&'a str>,
) -> Result<&'a T, Error> {
    match match_field(input, fields, &names) {
        FieldMatch::One(f) => Ok(f),
        // Each field is suggested by its first name (not its key or label).
        FieldMatch::None => Err(unknown_field(
            kind,
            input.trim(),
            fields.iter().filter_map(|f| names(f).first().copied()),
        )),
        FieldMatch::Several(several) => Err(ambiguous(kind, input, &several, names)),
    }
}

/// The error for several matches of a field name (exit 2, listing them).
pub fn ambiguous<'a, T>(
    kind: &str,
    input: &str,
    several: &[&'a T],
    names: impl Fn(&'a T) -> Vec<&'a str>,
) -> Error {
    Error::usage_hint(
        format!(
            "{kind} {:?} is ambiguous: {} match when case is ignored",
            input.trim(),
            several.len()
        ),
        format!(
            "write one of them exactly: {}",
            several
                .iter()
                .map(|f| format!("{:?}", names(f).first().copied().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_match_exactly_then_case_insensitively_when_unique() {
        let fields = [("Region", "k1"), ("region_code", "k2"), ("Seats", "k3")];
        let names = |f: &(&'static str, &'static str)| vec![f.0, f.1];
        let find = |input: &str| find_field("custom field", input, &fields, names);
        assert_eq!(find("region").unwrap().1, "k1");
        assert_eq!(find("REGION").unwrap().1, "k1");
        assert_eq!(find("k3").unwrap().0, "Seats", "by key too");
        let e = find("regoin").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.hint().unwrap().contains("\"Region\""), "{:?}", e.hint());

        let twins = [("Region", "k1"), ("REGION", "k2")];
        let find = |input: &str| find_field("custom field", input, &twins, names);
        assert_eq!(find("Region").unwrap().1, "k1", "an exact name wins");
        let e = find("region").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("ambiguous"), "{e}");
        assert_eq!(
            e.hint().unwrap(),
            "write one of them exactly: \"Region\", \"REGION\""
        );
    }

    fn stages() -> Vec<Candidate> {
        vec![
            Candidate::new("contractsent", "Contract Sent").within("pipeline Sales"),
            Candidate::new("7", "Won").within("pipeline Sales"),
            Candidate::new("9", "Won").within("pipeline Renewals"),
        ]
    }

    #[test]
    fn ids_and_names_resolve() {
        let s = stages();
        assert_eq!(
            resolve("stage", "contractsent", &s).unwrap().id,
            "contractsent"
        );
        assert_eq!(
            resolve("stage", "contract sent", &s).unwrap().id,
            "contractsent"
        );
        assert_eq!(resolve("stage", "9", &s).unwrap().name, "Won");
    }

    #[test]
    fn unknown_is_3_with_candidates_and_ambiguous_is_2() {
        let s = stages();
        let e = resolve("stage", "Lost", &s).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e
            .hint()
            .unwrap()
            .contains("Contract Sent (id contractsent, pipeline Sales)"));
        let e = resolve("stage", "won", &s).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.hint().unwrap().contains("pipeline Renewals"));
    }

    fn two_pipelines() -> Vec<StageCandidate> {
        let stage = |id: &str, name: &str, pipeline_id: &str, pipeline: &str| StageCandidate {
            id: id.into(),
            name: name.into(),
            pipeline_id: pipeline_id.into(),
            pipeline: pipeline.into(),
        };
        vec![
            stage("contractsent", "Contract Sent", "default", "Sales Pipeline"),
            stage("closedwon", "Closed Won", "default", "Sales Pipeline"),
            stage("78", "Contract Sent", "77", "Renewals"),
            stage("79", "Won/Lost review", "77", "Renewals"),
        ]
    }

    #[test]
    fn a_stage_two_pipelines_have_is_ambiguous_and_pipeline_slash_stage_resolves_it() {
        let s = two_pipelines();
        let e = resolve_stage("contract sent", &s).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let hint = e.hint().unwrap();
        assert!(
            hint.contains("Sales Pipeline/Contract Sent (id contractsent)")
                && hint.contains("Renewals/Contract Sent (id 78)"),
            "{hint}"
        );
        assert_eq!(resolve_stage("Renewals/Contract Sent", &s).unwrap(), 2);
        assert_eq!(
            resolve_stage("sales pipeline / contract sent", &s).unwrap(),
            0
        );
        assert_eq!(resolve_stage("default/contractsent", &s).unwrap(), 0);
        assert_eq!(resolve_stage("78", &s).unwrap(), 2);
        assert_eq!(resolve_stage("Won/Lost review", &s).unwrap(), 3);
        assert_eq!(resolve_stage("Closed Won", &s[..2]).unwrap(), 1);
        let e = resolve_stage("Renewals/Closed Won", &s).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.hint().unwrap().contains("Renewals/Contract Sent (id 78)"));
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(did_you_mean("regoin", ["region", "amount"]), Some("region"));
        assert_eq!(did_you_mean("zzz", ["region"]), None);
        assert_eq!(
            unknown_field("property", "regoin", ["region"]).exit_code(),
            2
        );
        // Issue 15: "list the propertys".
        let hint = unknown_field("property", "zzz", ["region"]).hint().unwrap();
        assert!(hint.contains("list the properties"), "{hint}");
        assert_eq!(plural("stage"), "stages");
        assert_eq!(plural("key"), "keys");
    }
}
