//! How the clauses of one group combine, by Lucene's classic query parser with OR as the
//! default operator: which clauses are required, optional or prohibited, and the query
//! a group of them makes.

use super::query::Query;

/// How a clause takes part in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    Must,
    Should,
    MustNot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conjunction {
    None,
    And,
    Or,
}

/// Adds a clause as Lucene's classic parser does with OR as the default operator: `AND`
/// makes the clause before it required (unless prohibited) and this one too; a modifier
/// says the rest.
pub fn add_clause(clauses: &mut Vec<(Occur, Query)>, conjunction: Conjunction, modifier: Option<Occur>, query: Query) {
    if conjunction == Conjunction::And {
        if let Some((occur, _)) = clauses.last_mut().filter(|(o, _)| *o != Occur::MustNot) {
            *occur = Occur::Must;
        }
    }
    let occur = match modifier {
        Some(Occur::MustNot) => Occur::MustNot,
        Some(Occur::Must) => Occur::Must,
        _ if conjunction == Conjunction::And => Occur::Must,
        _ => Occur::Should,
    };
    clauses.push((occur, query));
}

/// A group as one query: every required clause, or (with none) any optional one, and
/// none of the prohibited ones. Optional clauses beside required ones only rank
/// results in Lucene; they do not narrow them.
pub fn combine(clauses: Vec<(Occur, Query)>) -> Query {
    let (mut must, mut should, mut must_not) = (Vec::new(), Vec::new(), Vec::new());
    for (occur, query) in clauses {
        match occur {
            Occur::Must => must.push(query),
            Occur::Should => should.push(query),
            Occur::MustNot => must_not.push(Query::Not(Box::new(query))),
        }
    }
    let mut all = must;
    if all.is_empty() && !should.is_empty() {
        all.push(one_or(should, Query::Any));
    }
    all.extend(must_not);
    one_or(all, Query::All)
}

/// A list of one is just that one.
fn one_or(mut list: Vec<Query>, many: fn(Vec<Query>) -> Query) -> Query {
    match list.pop() {
        Some(only) if list.is_empty() => only,
        Some(last) => {
            list.push(last);
            many(list)
        }
        None => many(list),
    }
}
