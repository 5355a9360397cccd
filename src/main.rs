//! The `auth0-meta` binary.

fn main() {
    eprintln!("auth0-meta: only the domain core exists yet; see README.md");
    std::process::exit(2);
}
