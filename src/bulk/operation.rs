//! One bulk operation applied to one user's metadata: `set`, `unset`, `move` and
//! `retype`, each deciding from the user's own metadata whether it changes, is already
//! so, or is skipped (with a reason that can be counted). Paths that index into arrays
//! are refused: an index names a different item on each user.

use serde_json::Value;

use crate::domain::kind::{replaces_container, ValueKind};
use crate::domain::path::Segment;
use crate::domain::validate::parse_literal;
use crate::domain::{apply_edits, plan_set, Edit, FieldPath, History, MetadataField, MetadataPair};

#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    Set {
        path: FieldPath,
        value: Value,
        force: bool,
    },
    Unset {
        path: FieldPath,
    },
    Move {
        from: FieldPath,
        to: FieldPath,
        force: bool,
    },
    Retype {
        path: FieldPath,
        kind: ValueKind,
    },
    /// Several in turn, as one change per user (the TUI's pending edits applied to the
    /// marked users): skipped when any step is, already so when every step is.
    Edits(Vec<Operation>),
}

/// What the operation does to one user.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// The metadata after the operation.
    Change(MetadataPair),
    Already,
    /// `reason` is a stable name to count by; `detail` says it for this user.
    Skip {
        reason: &'static str,
        detail: String,
    },
}

/// A path as bulk takes it: no array index anywhere in it.
pub fn bulk_path(text: &str) -> Result<FieldPath, String> {
    let path: FieldPath = text.parse().map_err(|e| format!("{text}: {e}"))?;
    if path.path.segments().iter().any(|s| matches!(s, Segment::Index(_))) {
        return Err(format!(
            "{text}: bulk changes refuse paths into arrays (an index names a different item on each user); change the array's parent key instead"
        ));
    }
    if path.path.is_root() {
        return Err(format!(
            "{text}: name a key inside {} (bulk changes do not replace it whole)",
            path.field
        ));
    }
    Ok(path)
}

/// An operation from its name and arguments: the command line's, or a batch's plan.
pub fn parse_operation(name: &str, args: &[String], force: bool) -> Result<Operation, String> {
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or_default();
    Ok(match name {
        "set" => Operation::Set {
            path: bulk_path(arg(0))?,
            value: parse_literal(arg(1)).map_err(|e| format!("VALUE: {e}"))?,
            force,
        },
        "unset" => Operation::Unset {
            path: bulk_path(arg(0))?,
        },
        "move" => {
            let (from, to) = (bulk_path(arg(0))?, bulk_path(arg(1))?);
            let inside = from.field == to.field && to.path.to_string().starts_with(&format!("{}.", from.path));
            if from == to || inside {
                return Err(format!("NEW_PATH {to} must lie outside {from}"));
            }
            Operation::Move { from, to, force }
        }
        "retype" => Operation::Retype {
            path: bulk_path(arg(0))?,
            kind: retype_kind(arg(1))?,
        },
        "edits" => Operation::Edits(
            args.iter()
                .map(|step| {
                    let words: Vec<String> = serde_json::from_str(step).map_err(|e| format!("a step {step}: {e}"))?;
                    let (name, rest) = words.split_first().ok_or("an empty step")?;
                    match name.as_str() {
                        "edits" => Err("steps do not nest".to_string()),
                        name => parse_operation(name, rest, force),
                    }
                })
                .collect::<Result<_, _>>()?,
        ),
        other => return Err(format!("no bulk operation named {other}")),
    })
}

/// The kinds `retype` converts between.
pub fn retype_kind(text: &str) -> Result<ValueKind, String> {
    match text {
        "number" => Ok(ValueKind::Number),
        "string" => Ok(ValueKind::String),
        "boolean" => Ok(ValueKind::Bool),
        other => Err(format!("TYPE {other}: use number, string or boolean")),
    }
}

fn skip(reason: &'static str, detail: impl Into<String>) -> Decision {
    Decision::Skip {
        reason,
        detail: detail.into(),
    }
}

impl Operation {
    /// Its name and arguments, as a batch's plan keeps them (`parse_operation` reads
    /// them back).
    pub fn words(&self) -> (&'static str, Vec<String>) {
        match self {
            Operation::Set { path, value, .. } => ("set", vec![path.to_string(), value.to_string()]),
            Operation::Unset { path } => ("unset", vec![path.to_string()]),
            Operation::Move { from, to, .. } => ("move", vec![from.to_string(), to.to_string()]),
            Operation::Retype { path, kind } => {
                let kind = match kind {
                    ValueKind::Bool => "boolean",
                    other => other.name(),
                };
                ("retype", vec![path.to_string(), kind.to_string()])
            }
            Operation::Edits(steps) => (
                "edits",
                steps
                    .iter()
                    .map(|step| {
                        let (name, mut args) = step.words();
                        args.insert(0, name.to_string());
                        serde_json::to_string(&args).unwrap_or_default()
                    })
                    .collect(),
            ),
        }
    }

    /// In words: `move user_metadata.plan to app_metadata.plan`.
    pub fn describe(&self) -> String {
        match self {
            Operation::Set { path, value, .. } => format!("set {path} to {value}"),
            Operation::Unset { path } => format!("unset {path}"),
            Operation::Move { from, to, .. } => format!("move {from} to {to}"),
            Operation::Retype { path, kind } => format!("retype {path} as {}", kind.name()),
            Operation::Edits(steps) => steps
                .iter()
                .map(Operation::describe)
                .collect::<Vec<_>>()
                .join(", then "),
        }
    }

    pub fn decide(&self, pair: &MetadataPair) -> Decision {
        let at = |path: &FieldPath| path.path.get(&pair.get(path.field).to_value()).cloned();
        match self {
            Operation::Set { path, value, force } => {
                let old = at(path);
                if old.as_ref() == Some(value) {
                    return Decision::Already;
                }
                if let Some(what) = old.as_ref().and_then(|old| replaces_container(old, value)) {
                    if !*force {
                        return skip("replaces_container", format!("{path} {what} (--force replaces it)"));
                    }
                }
                edit(pair, |edited| set(edited, path, value.clone()))
            }
            Operation::Unset { path } => match at(path) {
                None => Decision::Already,
                Some(_) => edit(pair, |edited| remove(edited, path)),
            },
            Operation::Retype { path, kind } => match at(path) {
                None => skip("path_missing", format!("{path} is not there")),
                Some(old) if ValueKind::of(&old) == *kind => Decision::Already,
                Some(old)
                    if matches!(old, Value::Object(_) | Value::Array(_) | Value::Null) || kind.loses_data(&old) =>
                {
                    skip(
                        "not_convertible",
                        format!("{path} holds {old}, which is not a {} without loss", kind.name()),
                    )
                }
                Some(old) => edit(pair, |edited| set(edited, path, kind.convert(&old))),
            },
            Operation::Edits(steps) => {
                let mut edited = pair.clone();
                for step in steps {
                    match step.decide(&edited) {
                        Decision::Change(next) => edited = next,
                        Decision::Already => {}
                        skipped @ Decision::Skip { .. } => return skipped,
                    }
                }
                match edited == *pair {
                    true => Decision::Already,
                    false => Decision::Change(edited),
                }
            }
            Operation::Move { from, to, force } => match (at(from), at(to)) {
                // Moved already: a move applied twice must not lose the value.
                (None, Some(_)) => Decision::Already,
                (None, None) => skip("path_missing", format!("{from} is not there")),
                (Some(_), Some(there)) if !*force => skip(
                    "target_exists",
                    format!("{to} holds {there} already (--force overwrites it)"),
                ),
                (Some(value), _) => edit(pair, |edited| {
                    set(edited, to, value)?;
                    remove(edited, from)
                }),
            },
        }
    }
}

fn edit(pair: &MetadataPair, change: impl FnOnce(&mut MetadataPair) -> Result<(), String>) -> Decision {
    let mut edited = pair.clone();
    match change(&mut edited) {
        Ok(()) if edited == *pair => Decision::Already,
        Ok(()) => Decision::Change(edited),
        Err(why) => skip("type_forbids", why),
    }
}

fn set(pair: &mut MetadataPair, path: &FieldPath, value: Value) -> Result<(), String> {
    let doc = pair.get(path.field).to_value();
    let edits = plan_set(&doc, &path.path, value).map_err(|e| format!("{path}: {e}"))?;
    refused(pair, edits.into_iter().map(|e| (path.field, e)).collect())
}

fn remove(pair: &mut MetadataPair, path: &FieldPath) -> Result<(), String> {
    refused(
        pair,
        vec![(
            path.field,
            Edit::Remove {
                path: path.path.clone(),
            },
        )],
    )
}

fn refused(pair: &mut MetadataPair, edits: Vec<(MetadataField, Edit)>) -> Result<(), String> {
    match apply_edits(pair, &mut History::default(), edits).into_iter().next() {
        Some(refused) => Err(refused.error.to_string()),
        None => Ok(()),
    }
}
