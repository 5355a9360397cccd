//! Every style in one place. With NO_COLOR set, meaning is carried by modifiers alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Self {
        Self {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn selected(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The selection in a pane that does not have focus.
    pub fn selected_unfocused(&self) -> Style {
        if self.color {
            Style::new().bg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn string(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn number(&self) -> Style {
        self.fg(Color::Magenta)
    }

    pub fn boolean(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn null(&self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::ITALIC)
    }

    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn demo(&self) -> Style {
        self.fg(Color::Black)
            .bg(if self.color { Color::Yellow } else { Color::Reset })
            .add_modifier(Modifier::BOLD)
    }

    pub fn header(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(30, 30, 46)).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn footer_key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn added(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub fn changed(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Deleted rows stay visible, struck through, so the reviewer sees them.
    pub fn deleted(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::CROSSED_OUT)
    }

    pub fn border_focused(&self) -> Style {
        self.fg(Color::Cyan)
    }
}
