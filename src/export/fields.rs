//! Which fields an export job is asked for. Auth0 exports metadata only when it is named
//! (https://auth0.com/docs/manage-users/user-migration/bulk-user-exports), so the list is
//! always explicit.

use crate::domain::user::PROFILE_FIELDS;
use crate::export_file::root_of;
use crate::lucene::Query;

/// An export job takes at most this many fields.
const MAX_JOB_FIELDS: usize = 30;

/// The fields to ask the job for: the root attributes of `--fields` (or the whole profile)
/// and of every field the filter reads. Whole roots are asked for, so the file holds the
/// objects and dotted names (`user_metadata.plan`, `identities[0].connection`) are read
/// from them here.
pub fn job_fields(fields: &[String], filter: Option<&Query>) -> Result<Vec<String>, String> {
    let asked: Vec<String> = match fields.is_empty() {
        true => PROFILE_FIELDS.iter().map(|f| f.to_string()).collect(),
        false => fields.to_vec(),
    };
    let read = filter.map(Query::fields).unwrap_or_default();
    let mut roots: Vec<String> = Vec::new();
    for name in asked.iter().chain(&read) {
        let root = root_of(name);
        if !root.is_empty() && !roots.iter().any(|r| r == root) {
            roots.push(root.to_string());
        }
    }
    if roots.len() > MAX_JOB_FIELDS {
        return Err(format!(
            "--fields and --filter need {} root fields; an export job takes at most {MAX_JOB_FIELDS}",
            roots.len()
        ));
    }
    Ok(roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_profile_by_default_with_metadata_and_roots_of_what_is_named() {
        let all = job_fields(&[], None).unwrap();
        assert!(all.contains(&"user_metadata".to_string()) && all.contains(&"app_metadata".to_string()));
        let named = [
            "email".to_string(),
            "identities[0].connection".to_string(),
            "user_metadata.plan".to_string(),
        ];
        let filter = crate::lucene::parse("app_metadata.plan:pro AND jane*").unwrap();
        let fields = job_fields(&named, Some(&filter)).unwrap();
        assert_eq!(
            fields,
            [
                "email",
                "identities",
                "user_metadata",
                "app_metadata",
                "name",
                "nickname",
                "given_name",
                "family_name",
                "username",
                "user_id"
            ]
        );
    }
}
