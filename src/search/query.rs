//! The user's query syntax, parsed into an [`Expr`] tree.
//!
//! ```text
//! query   := or
//! or      := and ("OR" and)*
//! and     := unary (["AND"] unary)*        adjacent terms are ANDed
//! unary   := ("NOT" | "-") unary | "+"? atom
//! atom    := "(" or ")" | [field ":"] (phrase | word)
//! phrase  := '"' words '"'                 exact words, in order
//! ```
//! Operators are upper-case; lower-case `and`/`or`/`not` are ordinary words.

use std::fmt;

/// Fields a query may name with `field:`.
pub const QUERY_FIELDS: &[&str] = &["title", "body"];

/// Which text a term or phrase must match in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Title or body (title boosted).
    Any,
    Title,
    Body,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A bare word: matches its English inflections.
    Word {
        scope: Scope,
        text: String,
    },
    /// A quoted phrase: matches exactly these words in this order.
    Phrase {
        scope: Scope,
        text: String,
    },
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
}

/// What is wrong with a query, with the byte position in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    Empty,
    UnbalancedQuote { pos: usize },
    UnbalancedParen { pos: usize },
    UnexpectedParen { pos: usize },
    UnknownField { name: String, pos: usize },
    MissingOperand { op: String, pos: usize },
    EmptyValue { field: String, pos: usize },
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Empty => write!(
                f,
                "the query is empty: give at least one word or \"a phrase\""
            ),
            QueryError::UnbalancedQuote { pos } => write!(
                f,
                "unbalanced quote at position {pos}: close the phrase with a second \" (or remove the quote)"
            ),
            QueryError::UnbalancedParen { pos } => write!(
                f,
                "unclosed parenthesis at position {pos}: add the matching )"
            ),
            QueryError::UnexpectedParen { pos } => write!(
                f,
                "unexpected ) at position {pos}: remove it or add the matching ("
            ),
            QueryError::UnknownField { name, pos } => write!(
                f,
                "unknown field \"{name}\" at position {pos}: searchable fields are {} (use --from/--to and --location for dates and places)",
                QUERY_FIELDS.join(", ")
            ),
            QueryError::MissingOperand { op, pos } => write!(
                f,
                "{op} at position {pos} has nothing to apply to: put a word or \"phrase\" after it"
            ),
            QueryError::EmptyValue { field, pos } => write!(
                f,
                "{field}: at position {pos} has no value: write {field}:word or {field}:\"a phrase\""
            ),
        }
    }
}

impl std::error::Error for QueryError {}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    Minus,
    Plus,
    Word(String),
    Phrase(String),
    Field(String),
}

fn lex(input: &str) -> Result<Vec<(usize, Token)>, QueryError> {
    let mut tokens = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(pos, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                tokens.push((pos, Token::Open));
            }
            ')' => {
                chars.next();
                tokens.push((pos, Token::Close));
            }
            '"' | '“' | '”' => {
                chars.next();
                let start = pos + c.len_utf8();
                let mut end = None;
                for (i, c) in chars.by_ref() {
                    if matches!(c, '"' | '“' | '”') {
                        end = Some(i);
                        break;
                    }
                }
                let end = end.ok_or(QueryError::UnbalancedQuote { pos })?;
                tokens.push((pos, Token::Phrase(input[start..end].to_string())));
            }
            '-' | '+'
                if starts_operand(&input[pos + 1..]) && at_word_start(&tokens, input, pos) =>
            {
                chars.next();
                tokens.push((pos, if c == '-' { Token::Minus } else { Token::Plus }));
            }
            _ => {
                let mut end = input.len();
                while let Some(&(i, c)) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '(' | ')' | '"' | '“' | '”') {
                        end = i;
                        break;
                    }
                    chars.next();
                }
                let word = &input[pos..end];
                let token = match word {
                    "AND" | "&&" => Token::And,
                    "OR" | "||" => Token::Or,
                    "NOT" => Token::Not,
                    _ => match field_prefix(word) {
                        Some((name, rest)) => {
                            tokens.push((pos, Token::Field(name.to_string())));
                            if rest.is_empty() {
                                continue;
                            }
                            Token::Word(rest.to_string())
                        }
                        None => Token::Word(word.to_string()),
                    },
                };
                tokens.push((pos, token));
            }
        }
    }
    Ok(tokens)
}

/// `-`/`+` are operators only before a word, phrase or group, not inside `well-known`.
fn starts_operand(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '"' | '(' | '“'))
}

fn at_word_start(tokens: &[(usize, Token)], input: &str, pos: usize) -> bool {
    pos == 0
        || input[..pos]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_whitespace() || c == '(')
        || tokens.is_empty()
}

/// `title:word` → ("title", "word"). Only a letters-only name counts as a field, so
/// times ("10:30") and URLs keep their colon.
fn field_prefix(word: &str) -> Option<(&str, &str)> {
    let (name, rest) = word.split_once(':')?;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
        return None;
    }
    if rest.starts_with("//") {
        return None;
    }
    Some((name, rest))
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    next: usize,
    end: usize,
}

/// Parse a query string.
pub fn parse_query(input: &str) -> Result<Expr, QueryError> {
    let tokens = lex(input)?;
    if tokens.is_empty() {
        return Err(QueryError::Empty);
    }
    let mut parser = Parser {
        tokens,
        next: 0,
        end: input.len(),
    };
    let expr = parser.or()?;
    if let Some((pos, token)) = parser.tokens.get(parser.next) {
        return Err(match token {
            Token::Close => QueryError::UnexpectedParen { pos: *pos },
            _ => QueryError::MissingOperand {
                op: "query".into(),
                pos: *pos,
            },
        });
    }
    Ok(expr)
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next).map(|(_, t)| t)
    }

    fn pos(&self) -> usize {
        self.tokens.get(self.next).map_or(self.end, |(p, _)| *p)
    }

    fn or(&mut self) -> Result<Expr, QueryError> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            let pos = self.pos();
            self.next += 1;
            if self.at_operand_end() {
                return Err(QueryError::MissingOperand {
                    op: "OR".into(),
                    pos,
                });
            }
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Expr, QueryError> {
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek() {
                Some(Token::And) => {
                    let pos = self.pos();
                    self.next += 1;
                    if self.at_operand_end() {
                        return Err(QueryError::MissingOperand {
                            op: "AND".into(),
                            pos,
                        });
                    }
                }
                Some(Token::Or | Token::Close) | None => break,
                Some(_) => {}
            }
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn at_operand_end(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(Token::Close | Token::Or | Token::And)
        )
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        match self.peek() {
            Some(Token::Not | Token::Minus) => {
                let op = if self.peek() == Some(&Token::Not) {
                    "NOT"
                } else {
                    "-"
                };
                let pos = self.pos();
                self.next += 1;
                if self.at_operand_end() {
                    return Err(QueryError::MissingOperand { op: op.into(), pos });
                }
                Ok(Expr::Not(Box::new(self.unary()?)))
            }
            Some(Token::Plus) => {
                self.next += 1;
                self.atom()
            }
            _ => self.atom(),
        }
    }

    fn atom(&mut self) -> Result<Expr, QueryError> {
        let pos = self.pos();
        let Some((_, token)) = self.tokens.get(self.next).cloned() else {
            return Err(QueryError::MissingOperand {
                op: "query".into(),
                pos,
            });
        };
        self.next += 1;
        match token {
            Token::Open => {
                if self.peek() == Some(&Token::Close) {
                    return Err(QueryError::MissingOperand {
                        op: "(".into(),
                        pos,
                    });
                }
                let inner = self.or()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(QueryError::UnbalancedParen { pos });
                }
                self.next += 1;
                Ok(inner)
            }
            Token::Close => Err(QueryError::UnexpectedParen { pos }),
            Token::Word(text) => Ok(Expr::Word {
                scope: Scope::Any,
                text,
            }),
            Token::Phrase(text) => Ok(Expr::Phrase {
                scope: Scope::Any,
                text,
            }),
            Token::Field(name) => {
                let scope = match name.as_str() {
                    "title" => Scope::Title,
                    "body" | "text" => Scope::Body,
                    _ => return Err(QueryError::UnknownField { name, pos }),
                };
                match self.tokens.get(self.next).cloned() {
                    Some((_, Token::Word(text))) => {
                        self.next += 1;
                        Ok(Expr::Word { scope, text })
                    }
                    Some((_, Token::Phrase(text))) => {
                        self.next += 1;
                        Ok(Expr::Phrase { scope, text })
                    }
                    _ => Err(QueryError::EmptyValue { field: name, pos }),
                }
            }
            Token::And | Token::Or | Token::Not | Token::Minus | Token::Plus => {
                Err(QueryError::MissingOperand {
                    op: operator_name(&token).into(),
                    pos,
                })
            }
        }
    }
}

fn operator_name(token: &Token) -> &'static str {
    match token {
        Token::And => "AND",
        Token::Or => "OR",
        Token::Not => "NOT",
        Token::Minus => "-",
        Token::Plus => "+",
        _ => "operator",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(t: &str) -> Expr {
        Expr::Word {
            scope: Scope::Any,
            text: t.into(),
        }
    }
    fn phrase(t: &str) -> Expr {
        Expr::Phrase {
            scope: Scope::Any,
            text: t.into(),
        }
    }

    #[test]
    fn adjacent_words_are_anded() {
        assert_eq!(
            parse_query("oil prices").unwrap(),
            Expr::And(vec![word("oil"), word("prices")])
        );
    }

    #[test]
    fn quoted_phrase_is_one_phrase() {
        assert_eq!(
            parse_query("\"cessation of hostilities\"").unwrap(),
            phrase("cessation of hostilities")
        );
    }

    #[test]
    fn and_binds_tighter_than_or() {
        assert_eq!(
            parse_query("a OR b AND c").unwrap(),
            Expr::Or(vec![word("a"), Expr::And(vec![word("b"), word("c")])])
        );
    }

    #[test]
    fn not_and_minus_negate() {
        assert_eq!(
            parse_query("oil NOT opec -gas").unwrap(),
            Expr::And(vec![
                word("oil"),
                Expr::Not(Box::new(word("opec"))),
                Expr::Not(Box::new(word("gas")))
            ])
        );
    }

    #[test]
    fn hyphen_inside_word_is_not_an_operator() {
        assert_eq!(parse_query("cease-fire").unwrap(), word("cease-fire"));
    }

    #[test]
    fn parentheses_group() {
        assert_eq!(
            parse_query("(oil OR gas) AND opec").unwrap(),
            Expr::And(vec![Expr::Or(vec![word("oil"), word("gas")]), word("opec")])
        );
    }

    #[test]
    fn field_prefix_scopes_word_and_phrase() {
        assert_eq!(
            parse_query("title:syria title:\"peace talks\"").unwrap(),
            Expr::And(vec![
                Expr::Word {
                    scope: Scope::Title,
                    text: "syria".into()
                },
                Expr::Phrase {
                    scope: Scope::Title,
                    text: "peace talks".into()
                }
            ])
        );
    }

    #[test]
    fn time_with_colon_is_a_word() {
        assert_eq!(parse_query("10:30").unwrap(), word("10:30"));
    }

    #[test]
    fn unbalanced_quote_reports_position() {
        assert_eq!(
            parse_query("peace \"cessation of").unwrap_err(),
            QueryError::UnbalancedQuote { pos: 6 }
        );
    }

    #[test]
    fn unknown_field_is_an_error() {
        let err = parse_query("author:smith").unwrap_err();
        assert_eq!(
            err,
            QueryError::UnknownField {
                name: "author".into(),
                pos: 0
            }
        );
        assert!(err.to_string().contains("title, body"));
    }

    #[test]
    fn unbalanced_parentheses_are_errors() {
        assert_eq!(
            parse_query("(oil OR gas").unwrap_err(),
            QueryError::UnbalancedParen { pos: 0 }
        );
        assert_eq!(
            parse_query("oil)").unwrap_err(),
            QueryError::UnexpectedParen { pos: 3 }
        );
        assert!(parse_query("()").is_err());
    }

    #[test]
    fn dangling_operators_are_errors() {
        for q in ["oil AND", "OR oil", "NOT", "oil OR", "title:", "AND AND"] {
            assert!(parse_query(q).is_err(), "{q}");
        }
    }

    #[test]
    fn empty_query_is_an_error() {
        assert_eq!(parse_query("   ").unwrap_err(), QueryError::Empty);
    }

    #[test]
    fn lowercase_operators_are_words() {
        assert_eq!(
            parse_query("war and peace").unwrap(),
            Expr::And(vec![word("war"), word("and"), word("peace")])
        );
    }
}
