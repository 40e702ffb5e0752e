//! Names to ids: stages, pipelines, owners, labels, fields. One set of rules for every vendor:
//! an id or an exact name wins; an unknown value is exit 3 with the candidates; an ambiguous one is
//! exit 2 with them; an unknown field name is exit 2 with a "did you mean".

use crate::error::Error;

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

fn list(candidates: &[&Candidate]) -> String {
    candidates
        .iter()
        .map(|c| format!("  {}", c.describe()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Resolves a value the user typed (`kind` is "stage", "owner", …) to one candidate.
pub fn resolve<'a>(
    kind: &str,
    input: &str,
    candidates: &'a [Candidate],
) -> Result<&'a Candidate, Error> {
    let wanted = input.trim();
    if let Some(c) = candidates.iter().find(|c| c.id == wanted) {
        return Ok(c);
    }
    let exact: Vec<&Candidate> = candidates.iter().filter(|c| c.name == wanted).collect();
    let matches = if exact.is_empty() {
        candidates
            .iter()
            .filter(|c| c.name.eq_ignore_ascii_case(wanted))
            .collect()
    } else {
        exact
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => {
            let all: Vec<&Candidate> = candidates.iter().collect();
            let known = if all.is_empty() {
                format!("there are no {}", plural(kind))
            } else {
                format!("the {} are:\n{}", plural(kind), list(&all))
            };
            Err(Error::NotFound {
                message: format!("no {kind} named {wanted:?}"),
                hint: Some(known),
            })
        }
        several => Err(Error::usage_hint(
            format!("{kind} {wanted:?} is ambiguous: {} match", several.len()),
            format!("use the id of one of:\n{}", list(several)),
        )),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
