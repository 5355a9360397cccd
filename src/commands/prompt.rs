//! Questions on the terminal for `tenants add`: a line, and a secret typed unseen.

use std::io::{self, BufRead, IsTerminal, Write};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use crate::secret::Secret;

pub fn is_interactive() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// A line typed after `question` (on stderr, so stdout stays clean); empty is `None`.
pub fn ask(question: &str) -> io::Result<Option<String>> {
    note_inline!("{question}: ");
    io::stderr().flush()?;
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    let line = line.trim();
    Ok((!line.is_empty()).then(|| line.to_string()))
}

/// A secret typed without echo; the terminal is put back whatever happens.
pub fn ask_secret(question: &str) -> io::Result<Option<Secret>> {
    note_inline!("{question} (not shown): ");
    io::stderr().flush()?;
    terminal::enable_raw_mode()?;
    let typed = read_unseen();
    let _ = terminal::disable_raw_mode();
    note!("");
    let typed = typed?;
    Ok((!typed.trim().is_empty()).then(|| Secret::new(typed.trim())))
}

fn read_unseen() -> io::Result<String> {
    let mut typed = String::new();
    loop {
        let Event::Key(key) = event::read()? else { continue };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        match key.code {
            KeyCode::Enter => return Ok(typed),
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return Err(io::Error::new(io::ErrorKind::Interrupted, "cancelled"))
            }
            KeyCode::Esc => return Err(io::Error::new(io::ErrorKind::Interrupted, "cancelled")),
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Char(c) => typed.push(c),
            _ => {}
        }
    }
}

/// A secret piped on standard input: its first line.
pub fn secret_from_stdin() -> io::Result<Option<Secret>> {
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    let line = line.trim();
    Ok((!line.is_empty()).then(|| Secret::new(line)))
}
