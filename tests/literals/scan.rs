//! Just enough of a Rust lexer for the literal check: every string literal outside comments and
//! `#[cfg(test)]` items, with where it sits — a `view!`'s text, a `view!` attribute's value, or
//! code, and the macros and functions it is an argument of.

/// Where a literal sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A child of a `view!` element: text on the page.
    ViewText,
    /// The value of a `view!` attribute or component property (`aria-label="…"`).
    ViewAttr(String),
    /// Anywhere else.
    Code,
}

#[derive(Debug, Clone)]
pub struct Literal {
    pub line: usize,
    pub text: String,
    pub place: Place,
    /// The macros (`warn!`), functions (`page_meta`) and attributes (`#`) around it, outermost first.
    pub calls: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Punct(char),
    Str(String),
    Other,
}

struct Lexer {
    chars: Vec<char>,
    at: usize,
    line: usize,
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    /// A quoted string's content, the opening quote already read; escapes decoded.
    fn string(&mut self) -> String {
        let mut out = String::new();
        while let Some(c) = self.bump() {
            match c {
                '"' => break,
                '\\' => match self.bump() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('0') => out.push('\0'),
                    Some('u') => {
                        let mut hex = String::new();
                        while let Some(h) = self.bump() {
                            match h {
                                '{' => {}
                                '}' => break,
                                h => hex.push(h),
                            }
                        }
                        out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                    }
                    // A line continuation: the line break and the next line's indent are dropped.
                    Some('\n') => {
                        while self.peek(0).is_some_and(char::is_whitespace) {
                            self.bump();
                        }
                    }
                    Some(other) => out.push(other),
                    None => break,
                },
                c => out.push(c),
            }
        }
        out
    }

    /// A raw string's content, from its first `#` or quote.
    fn raw_string(&mut self) -> String {
        let mut hashes = 0;
        while self.peek(0) == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump(); // the opening quote
        let mut out = String::new();
        while let Some(c) = self.bump() {
            if c == '"' && (0..hashes).all(|i| self.peek(i) == Some('#')) {
                for _ in 0..hashes {
                    self.bump();
                }
                break;
            }
            out.push(c);
        }
        out
    }

    fn skip_comment(&mut self) {
        if self.peek(1) == Some('/') {
            while self.peek(0).is_some_and(|c| c != '\n') {
                self.bump();
            }
            return;
        }
        // A block comment, nested ones included.
        let mut depth = 0;
        while let Some(c) = self.bump() {
            if c == '/' && self.peek(0) == Some('*') {
                self.bump();
                depth += 1;
            } else if c == '*' && self.peek(0) == Some('/') {
                self.bump();
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
        }
    }

    fn token(&mut self) -> Option<(Tok, usize)> {
        loop {
            let c = self.peek(0)?;
            if c.is_whitespace() {
                self.bump();
            } else if c == '/' && matches!(self.peek(1), Some('/' | '*')) {
                self.skip_comment();
            } else {
                break;
            }
        }
        let line = self.line;
        let c = self.bump()?;
        let tok = match c {
            '"' => Tok::Str(self.string()),
            '\'' => {
                // A char literal ('a', '\n') or a lifetime ('a, 'static).
                if self.peek(0) == Some('\\') {
                    // The backslash, the escaped character, then to the closing quote.
                    self.bump();
                    self.bump();
                    while self.bump().is_some_and(|c| c != '\'') {}
                } else if self.peek(1) == Some('\'') {
                    self.bump();
                    self.bump();
                } else {
                    while self
                        .peek(0)
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                    {
                        self.bump();
                    }
                }
                Tok::Other
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut ident = String::from(c);
                while let Some(c) = self.peek(0).filter(|c| c.is_alphanumeric() || *c == '_') {
                    ident.push(c);
                    self.bump();
                }
                match (ident.as_str(), self.peek(0), self.peek(1)) {
                    ("r" | "br" | "cr", Some('"'), _)
                    | ("r" | "br" | "cr", Some('#'), Some('"' | '#')) => {
                        Tok::Str(self.raw_string())
                    }
                    ("b" | "c", Some('"'), _) => {
                        self.bump();
                        Tok::Str(self.string())
                    }
                    _ => Tok::Ident(ident),
                }
            }
            c if c.is_ascii_digit() => {
                while self
                    .peek(0)
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
                {
                    self.bump();
                }
                Tok::Other
            }
            c => Tok::Punct(c),
        };
        Some((tok, line))
    }
}

fn tokens(source: &str) -> Vec<(Tok, usize)> {
    let mut lexer = Lexer {
        chars: source.chars().collect(),
        at: 0,
        line: 1,
    };
    std::iter::from_fn(|| lexer.token()).collect()
}

/// `#[cfg(test)]` at `i`: the attribute is these seven tokens.
fn is_cfg_test(toks: &[(Tok, usize)], i: usize) -> bool {
    let want = [
        Tok::Punct('#'),
        Tok::Punct('['),
        Tok::Ident("cfg".into()),
        Tok::Punct('('),
        Tok::Ident("test".into()),
        Tok::Punct(')'),
        Tok::Punct(']'),
    ];
    toks.get(i..i + want.len())
        .is_some_and(|w| w.iter().map(|t| &t.0).eq(want.iter()))
}

/// The index after the item that starts at `i`: its `;`, or its braces' end.
fn item_end(toks: &[(Tok, usize)], mut i: usize) -> usize {
    let mut depth = 0usize;
    while let Some((t, _)) = toks.get(i) {
        i += 1;
        match t {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            Tok::Punct(';') if depth == 0 => return i,
            _ => {}
        }
    }
    i
}

/// The name an opening delimiter at `i` belongs to: `warn!`, `page_meta`, `#` (an attribute).
fn label(toks: &[(Tok, usize)], i: usize, open: char) -> String {
    let back = |n: usize| i.checked_sub(n).and_then(|j| toks.get(j)).map(|t| &t.0);
    match (back(1), back(2)) {
        (Some(Tok::Punct('!')), Some(Tok::Ident(name))) => format!("{name}!"),
        (Some(Tok::Punct('#')), _) | (Some(Tok::Punct('!')), Some(Tok::Punct('#')))
            if open == '[' =>
        {
            "#".to_owned()
        }
        (Some(Tok::Ident(name)), _) => name.clone(),
        _ => String::new(),
    }
}

/// The attribute whose `=` is at `i` (`aria-label`, `prop:value`).
fn attribute(toks: &[(Tok, usize)], i: usize) -> String {
    let at = |j: usize| j.checked_sub(1).and_then(|k| toks.get(k)).map(|t| &t.0);
    let mut parts = Vec::new();
    let mut j = i;
    // A name, and more joined to it by `-` or `:` (`aria-label`, `prop:value`).
    while let Some(Tok::Ident(name)) = at(j) {
        parts.push(name.clone());
        match at(j - 1) {
            Some(Tok::Punct(c @ ('-' | ':'))) => {
                parts.push(c.to_string());
                j -= 2;
            }
            _ => break,
        }
    }
    parts.reverse();
    parts.concat()
}

/// Every string literal of `source` outside comments and `#[cfg(test)]` items.
pub fn literals(source: &str) -> Vec<Literal> {
    let toks = tokens(source);
    let mut stack: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some((tok, line)) = toks.get(i) {
        if is_cfg_test(&toks, i) {
            i = item_end(&toks, i + 7);
            continue;
        }
        match tok {
            Tok::Punct(c @ ('(' | '[' | '{')) => stack.push(label(&toks, i, *c)),
            Tok::Punct(')' | ']' | '}') => {
                stack.pop();
            }
            Tok::Str(text) => {
                let prev = i.checked_sub(1).and_then(|j| toks.get(j)).map(|t| &t.0);
                let place = match (stack.last().map(String::as_str), prev) {
                    (Some("view!"), Some(Tok::Punct('='))) => {
                        Place::ViewAttr(attribute(&toks, i - 1))
                    }
                    (Some("view!"), _) => Place::ViewText,
                    _ => Place::Code,
                };
                out.push(Literal {
                    line: *line,
                    text: text.clone(),
                    place,
                    calls: stack.iter().filter(|l| !l.is_empty()).cloned().collect(),
                });
            }
            _ => {}
        }
        i += 1;
    }
    out
}
