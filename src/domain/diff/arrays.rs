//! Arrays compared item by item: matched by a longest common subsequence (their common
//! ends alone when they are long), containers of one kind between matches paired as
//! changes, each changed item named by what identifies it.

use serde_json::Value;

use super::{diff, Diff, ItemDiff};
use crate::domain::identity::ItemNames;

/// The diff of two arrays, item by item.
pub fn diff_arrays(old: &[Value], new: &[Value]) -> Diff {
    let matched = lcs(old, new);
    let names = ItemNames::new(new);
    let mut items = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (mi, mj) in matched.into_iter().chain(std::iter::once((old.len(), new.len()))) {
        // Between matches: pair containers of one kind as changes, the rest as removed
        // then added.
        let (removed, added) = (&old[i..mi], &new[j..mj]);
        let paired = removed.len().min(added.len());
        for k in 0..paired {
            let (a, b) = (&removed[k], &added[k]);
            if same_kind_container(a, b) {
                items.push(ItemDiff::Changed {
                    old: i + k,
                    new: j + k,
                    diff: diff(a, b),
                    name: a.is_object().then(|| names.name(j + k)).flatten(),
                });
            } else {
                items.push(ItemDiff::Removed {
                    old: i + k,
                    value: a.clone(),
                });
                items.push(ItemDiff::Added {
                    new: j + k,
                    value: b.clone(),
                });
            }
        }
        for (k, value) in removed.iter().enumerate().skip(paired) {
            items.push(ItemDiff::Removed {
                old: i + k,
                value: value.clone(),
            });
        }
        for (k, value) in added.iter().enumerate().skip(paired) {
            items.push(ItemDiff::Added {
                new: j + k,
                value: value.clone(),
            });
        }
        if mi < old.len() {
            items.push(ItemDiff::Same { old: mi, new: mj });
        }
        (i, j) = (mi + 1, mj + 1);
    }
    if items.iter().all(|d| matches!(d, ItemDiff::Same { .. })) {
        return Diff::Same;
    }
    Diff::Array(items)
}

fn same_kind_container(a: &Value, b: &Value) -> bool {
    matches!(
        (a, b),
        (Value::Object(_), Value::Object(_)) | (Value::Array(_), Value::Array(_))
    )
}

/// Index pairs of a longest common subsequence. Quadratic, so long arrays with a long
/// changed middle fall back to matching their common ends only.
fn lcs(a: &[Value], b: &[Value]) -> Vec<(usize, usize)> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut pairs: Vec<(usize, usize)> = (0..prefix).map(|i| (i, i)).collect();
    if mid_a.len().saturating_mul(mid_b.len()) <= 4_000_000 {
        pairs.extend(
            table_lcs(mid_a, mid_b)
                .into_iter()
                .map(|(i, j)| (i + prefix, j + prefix)),
        );
    }
    pairs.extend((0..suffix).map(|k| (a.len() - suffix + k, b.len() - suffix + k)));
    pairs
}

fn table_lcs(a: &[Value], b: &[Value]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] = if a[i] == b[j] {
                table[at(i + 1, j + 1)] + 1
            } else {
                table[at(i + 1, j)].max(table[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            pairs.push((i, j));
            (i, j) = (i + 1, j + 1);
        } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}
