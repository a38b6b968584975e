//! The user's query syntax, parsed into an [`Expr`] tree.
//!
//! ```text
//! query   := or
//! or      := and ("OR" and)*
//! unary   := ("NOT" | "-") unary | "+"? atom
//! and     := near (["AND"] near)*          adjacent terms are ANDed
//! near    := unary (("NEAR/n" | "w/n" | "PRE/n") unary)*
//! unary   := ("NOT" | "-") unary | "+"? atom
//! atom    := "(" or ")" | [field ":"] (phrase | word)
//! phrase  := '"' words '"' ["~" n]         exact words, in order (with ~n: n words may intervene)
//! word    := letters ["*"]                 a trailing * makes a prefix
//! ```
//! Operators are upper-case (`w/n` also in lower case); lower-case `and`/`or`/`not`/`near`
//! are ordinary words. See [`super::proximity`] for what `~n`, `NEAR/n` and `*` match.

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
    /// A quoted phrase: exactly these words in this order, with at most `slop` other
    /// words between them in total. Words ending in `*` inside are prefixes.
    Phrase {
        scope: Scope,
        text: String,
        slop: u32,
    },
    /// `hostil*`: any word starting with `text` (lower-cased, not stemmed).
    Prefix {
        scope: Scope,
        text: String,
    },
    /// `left NEAR/n right`: both, at most `distance` words apart; `ordered` (`PRE/n`)
    /// requires `left` first.
    Near {
        scope: Scope,
        left: Box<Expr>,
        right: Box<Expr>,
        distance: u32,
        ordered: bool,
    },
    /// `*` alone: every article (for `timeline '*'`, `facets '*'`).
    All,
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
}

/// What is wrong with a query, with the byte position in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    Empty,
    UnbalancedQuote {
        pos: usize,
    },
    UnbalancedParen {
        pos: usize,
    },
    UnexpectedParen {
        pos: usize,
    },
    UnknownField {
        name: String,
        pos: usize,
    },
    MissingOperand {
        op: String,
        pos: usize,
    },
    EmptyValue {
        field: String,
        pos: usize,
    },
    SlopNeedsNumber {
        pos: usize,
    },
    SlopOnWord {
        word: String,
        pos: usize,
    },
    NearNeedsDistance {
        op: String,
        pos: usize,
    },
    NearOperand {
        op: String,
        pos: usize,
    },
    NearFields {
        op: String,
        pos: usize,
    },
    Wildcard {
        word: String,
        pos: usize,
    },
    PrefixTooShort {
        word: String,
        pos: usize,
    },
    TooLong {
        bytes: usize,
    },
    TooDeep {
        pos: usize,
    },
    TooManyTerms {
        count: usize,
    },
    NearChainTooLong {
        op: String,
        pos: usize,
    },
    /// `blair -`, `blair - brown`: a sign with a space after it applies to nothing.
    LoneSign {
        sign: char,
        pos: usize,
    },
    /// `C++`, `F#`: the symbols that tell the word apart are not indexed.
    SymbolNotIndexed {
        word: String,
        pos: usize,
    },
}

/// Largest `~n` or `NEAR/n` distance accepted.
pub const MAX_DISTANCE: u32 = 1000;

/// Shortest prefix before a `*`, in characters (shorter ones match too many words).
pub const MIN_PREFIX_CHARS: usize = 2;

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 8192;

/// Deepest nesting of parentheses and `NOT`/`-` accepted. Parsing, compiling and
/// highlighting all recurse over the tree, so the depth is what bounds their stack.
pub const MAX_DEPTH: usize = 32;

/// Most words (bare words, prefixes and the words of phrases) in one query: each one is
/// expanded against the term dictionary, run and highlighted.
pub const MAX_TERMS: usize = 256;

/// Most `NEAR/n`, `w/n` and `PRE/n` operators in one chain (`a NEAR/5 b NEAR/5 c` is a
/// chain of two; a parenthesised chain on one side counts with it): the matcher works
/// one level per operator and each match carries every matched word.
pub const MAX_NEAR_CHAIN: usize = 8;

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
            QueryError::SlopNeedsNumber { pos } => write!(
                f,
                "~ at position {pos} needs a number of words after it: write \"cessation hostilities\"~3 (0 to {MAX_DISTANCE})"
            ),
            QueryError::SlopOnWord { word, pos } => write!(
                f,
                "\"{word}\" at position {pos}: ~n follows a quoted phrase, as in \"cessation hostilities\"~3 (for two words near each other write word1 NEAR/3 word2)"
            ),
            QueryError::NearNeedsDistance { op, pos } => write!(
                f,
                "{op} at position {pos} needs a distance in words: write NEAR/5, w/5 or PRE/5 (0 to {MAX_DISTANCE})"
            ),
            QueryError::NearOperand { op, pos } => write!(
                f,
                "{op} at position {pos} joins words, prefixes or \"phrases\" (or other NEAR pairs), not (groups), OR or NOT"
            ),
            QueryError::NearFields { op, pos } => write!(
                f,
                "{op} at position {pos} joins two different fields: put both sides in the same field, e.g. title:syria {op} title:talks"
            ),
            QueryError::Wildcard { word, pos } => write!(
                f,
                "\"{word}\" at position {pos}: * is only allowed at the end of a word, as a prefix (hostil*)"
            ),
            QueryError::PrefixTooShort { word, pos } => write!(
                f,
                "\"{word}\" at position {pos}: a prefix needs at least {MIN_PREFIX_CHARS} letters before the *"
            ),
            QueryError::TooLong { bytes } => write!(
                f,
                "the query is {bytes} bytes long: at most {MAX_QUERY_BYTES} are allowed (split it into several searches)"
            ),
            QueryError::TooDeep { pos } => write!(
                f,
                "the query nests too deeply at position {pos}: at most {MAX_DEPTH} levels of parentheses and NOT are allowed"
            ),
            QueryError::TooManyTerms { count } => write!(
                f,
                "the query has {count} words: at most {MAX_TERMS} are allowed (split it into several searches)"
            ),
            QueryError::LoneSign { sign: '-', pos } => write!(
                f,
                "a lone - at position {pos} applies to nothing: write it right before the word to leave out (-brown), or remove it"
            ),
            QueryError::LoneSign { sign, pos } => write!(
                f,
                "a lone {sign} at position {pos} applies to nothing: write it right before the word that must be there (+brown), or remove it"
            ),
            QueryError::SymbolNotIndexed { word, pos } => {
                let letters: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
                write!(
                    f,
                    "the symbols of \"{word}\" at position {pos} are not indexed (only letters and digits are), so it would match every \"{letters}\": search for {letters} if that is meant, or for a \"phrase\" of the words around it"
                )
            }
            QueryError::NearChainTooLong { op, pos } => write!(
                f,
                "{op} at position {pos} makes the chain too long: at most {MAX_NEAR_CHAIN} NEAR/PRE/w operators may be chained (nested ones included)"
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
    Phrase(String, u32),
    Field(String),
    Near { distance: u32, ordered: bool },
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
                let mut slop = 0;
                if let Some(&(tilde, '~')) = chars.peek() {
                    chars.next();
                    let mut digits = String::new();
                    while let Some(&(_, d)) = chars.peek() {
                        if !d.is_ascii_digit() {
                            break;
                        }
                        digits.push(d);
                        chars.next();
                    }
                    slop = parse_distance(&digits)
                        .ok_or(QueryError::SlopNeedsNumber { pos: tilde })?;
                    if chars
                        .peek()
                        .is_some_and(|&(_, c)| !c.is_whitespace() && c != ')')
                    {
                        return Err(QueryError::SlopNeedsNumber { pos: tilde });
                    }
                }
                check_phrase_wildcards(&input[start..end], pos)?;
                tokens.push((pos, Token::Phrase(input[start..end].to_string(), slop)));
            }
            '-' | '+'
                if starts_operand(&input[pos + 1..]) && at_word_start(&tokens, input, pos) =>
            {
                chars.next();
                tokens.push((pos, if c == '-' { Token::Minus } else { Token::Plus }));
            }
            '-' | '+'
                if input[pos + 1..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || c == ')')
                    && at_word_start(&tokens, input, pos) =>
            {
                return Err(QueryError::LoneSign { sign: c, pos });
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
                    _ if near_operator(word).is_some() => {
                        let (name, distance) = near_operator(word).unwrap_or_default();
                        let distance = distance.ok_or_else(|| QueryError::NearNeedsDistance {
                            op: name.to_string(),
                            pos,
                        })?;
                        Token::Near {
                            distance,
                            ordered: name == "PRE",
                        }
                    }
                    _ if word.ends_with('~') || tilde_number(word) => {
                        return Err(QueryError::SlopOnWord {
                            word: word.to_string(),
                            pos,
                        });
                    }
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

fn parse_distance(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    digits.parse().ok().filter(|&n| n <= MAX_DISTANCE)
}

/// `NEAR/5`, `w/5`, `W/5`, `PRE/5` → (operator name, distance); `None` distance when it is
/// missing or bad (`NEAR`, `NEAR/`, `NEAR/x`). `None` when the word is no such operator.
fn near_operator(word: &str) -> Option<(&'static str, Option<u32>)> {
    let (name, rest) = match word.split_once('/') {
        Some((name, rest)) => (name, Some(rest)),
        None => (word, None),
    };
    let name = match name {
        "NEAR" => "NEAR",
        "PRE" => "PRE",
        // `w/5` is written in lower case by most archive users; a bare "w" is a word.
        "W" | "w" if rest.is_some_and(|r| r.chars().all(|c| c.is_ascii_digit())) => "w",
        _ => return None,
    };
    Some((name, rest.and_then(parse_distance)))
}

/// `word~2`: a slop written after a bare word.
fn tilde_number(word: &str) -> bool {
    word.rsplit_once('~').is_some_and(|(head, n)| {
        !head.is_empty() && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
    })
}

/// A `*` in a phrase may only end a word, after enough letters.
fn check_phrase_wildcards(phrase: &str, pos: usize) -> Result<(), QueryError> {
    for chunk in phrase.split_whitespace() {
        if chunk.contains('*') {
            prefix_stem(chunk, pos)?;
        }
    }
    Ok(())
}

/// `hostil*` → `hostil`, checking the `*` ends the word and follows enough letters.
fn prefix_stem(word: &str, pos: usize) -> Result<&str, QueryError> {
    let stem = word.strip_suffix('*').unwrap_or(word);
    let last_word: String = stem
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    if stem.contains('*') || !word.ends_with('*') || last_word.is_empty() {
        return Err(QueryError::Wildcard {
            word: word.to_string(),
            pos,
        });
    }
    if last_word.chars().count() < MIN_PREFIX_CHARS {
        return Err(QueryError::PrefixTooShort {
            word: word.to_string(),
            pos,
        });
    }
    Ok(stem)
}

/// Refuse a word told apart only by symbols after it (`C++`, `F#`): they are not indexed,
/// so it would match its bare letters.
fn check_symbols(word: &str, pos: usize) -> Result<(), QueryError> {
    let tail = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    if tail.len() < word.len() && !tail.is_empty() && word[tail.len()..].contains(['+', '#']) {
        return Err(QueryError::SymbolNotIndexed {
            word: word.to_string(),
            pos,
        });
    }
    Ok(())
}

/// A phrase; one of a single word is checked like a bare word.
fn phrase_expr(scope: Scope, text: String, slop: u32, pos: usize) -> Result<Expr, QueryError> {
    if let [word] = text.split_whitespace().collect::<Vec<_>>()[..] {
        check_symbols(word, pos)?;
    }
    Ok(Expr::Phrase { scope, text, slop })
}

/// A bare word, or a prefix when it ends in `*`.
fn word_expr(scope: Scope, text: String, pos: usize) -> Result<Expr, QueryError> {
    if text == "*" {
        return Ok(Expr::All);
    }
    check_symbols(&text, pos)?;
    if text.contains('*') {
        let stem = prefix_stem(&text, pos)?;
        return Ok(Expr::Prefix {
            scope,
            text: stem.to_string(),
        });
    }
    Ok(Expr::Word { scope, text })
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
    /// Open parentheses and `NOT`s around the token being parsed.
    depth: usize,
}

/// Words a token adds to the query's size (see [`MAX_TERMS`]).
fn token_terms(token: &Token) -> usize {
    match token {
        Token::Word(_) => 1,
        Token::Phrase(text, _) => text.split_whitespace().count().max(1),
        _ => 0,
    }
}

/// Parse a query string.
pub fn parse_query(input: &str) -> Result<Expr, QueryError> {
    if input.len() > MAX_QUERY_BYTES {
        return Err(QueryError::TooLong { bytes: input.len() });
    }
    let tokens = lex(input)?;
    if tokens.is_empty() {
        return Err(QueryError::Empty);
    }
    let count = tokens.iter().map(|(_, t)| token_terms(t)).sum();
    if count > MAX_TERMS {
        return Err(QueryError::TooManyTerms { count });
    }
    let mut parser = Parser {
        tokens,
        next: 0,
        end: input.len(),
        depth: 0,
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
        let mut parts = vec![self.near()?];
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
            parts.push(self.near()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn near(&mut self) -> Result<Expr, QueryError> {
        let start = self.pos();
        let mut left = self.unary()?;
        while let Some(Token::Near { distance, ordered }) = self.peek().cloned() {
            let pos = self.pos();
            let op = self.tokens[self.next].1.clone();
            let name = operator_name(&op).to_string();
            let name = match op {
                Token::Near { distance, .. } => format!("{name}/{distance}"),
                _ => name,
            };
            self.next += 1;
            if self.at_operand_end() {
                return Err(QueryError::MissingOperand { op: name, pos });
            }
            let right = self.unary()?;
            let (Some(ls), Some(rs)) = (positional_scope(&left), positional_scope(&right)) else {
                return Err(QueryError::NearOperand {
                    op: name,
                    pos: if positional_scope(&left).is_none() {
                        start
                    } else {
                        pos
                    },
                });
            };
            let scope = match (ls, rs) {
                (Scope::Any, s) | (s, Scope::Any) => s,
                (a, b) if a == b => a,
                _ => return Err(QueryError::NearFields { op: name, pos }),
            };
            left = Expr::Near {
                scope,
                left: Box::new(left),
                right: Box::new(right),
                distance,
                ordered,
            };
            if near_depth(&left) > MAX_NEAR_CHAIN {
                return Err(QueryError::NearChainTooLong { op: name, pos });
            }
        }
        Ok(left)
    }

    /// One level deeper (a `(` or a `NOT` at `pos`), refused past [`MAX_DEPTH`] before the
    /// recursion can exhaust the stack.
    fn descend(&mut self, pos: usize) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(QueryError::TooDeep { pos });
        }
        Ok(())
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
                self.descend(pos)?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Expr::Not(Box::new(inner)))
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
                self.descend(pos)?;
                let inner = self.or()?;
                self.depth -= 1;
                if self.peek() != Some(&Token::Close) {
                    return Err(QueryError::UnbalancedParen { pos });
                }
                self.next += 1;
                Ok(inner)
            }
            Token::Close => Err(QueryError::UnexpectedParen { pos }),
            Token::Word(text) => word_expr(Scope::Any, text, pos),
            Token::Phrase(text, slop) => phrase_expr(Scope::Any, text, slop, pos),
            Token::Field(name) => {
                let scope = match name.as_str() {
                    "title" => Scope::Title,
                    "body" | "text" => Scope::Body,
                    _ => return Err(QueryError::UnknownField { name, pos }),
                };
                match self.tokens.get(self.next).cloned() {
                    Some((at, Token::Word(text))) => {
                        self.next += 1;
                        word_expr(scope, text, at)
                    }
                    Some((at, Token::Phrase(text, slop))) => {
                        self.next += 1;
                        phrase_expr(scope, text, slop, at)
                    }
                    _ => Err(QueryError::EmptyValue { field: name, pos }),
                }
            }
            Token::And
            | Token::Or
            | Token::Not
            | Token::Minus
            | Token::Plus
            | Token::Near { .. } => Err(QueryError::MissingOperand {
                op: operator_name(&token).into(),
                pos,
            }),
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
        Token::Near { ordered: true, .. } => "PRE",
        Token::Near { .. } => "NEAR",
        _ => "operator",
    }
}

/// How many `NEAR/n` operators nest in `expr` (a chain nests one per operator; a
/// parenthesised chain on one side adds its own).
fn near_depth(expr: &Expr) -> usize {
    match expr {
        Expr::Near { left, right, .. } => 1 + near_depth(left).max(near_depth(right)),
        _ => 0,
    }
}

/// The field scope of an expression that can be one side of `NEAR/n`; `None` if it cannot.
fn positional_scope(expr: &Expr) -> Option<Scope> {
    match expr {
        Expr::Word { scope, .. }
        | Expr::Phrase { scope, .. }
        | Expr::Prefix { scope, .. }
        | Expr::Near { scope, .. } => Some(*scope),
        Expr::And(_) | Expr::Or(_) | Expr::Not(_) | Expr::All => None,
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
            slop: 0,
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
                    text: "peace talks".into(),
                    slop: 0
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

    #[test]
    fn phrase_with_tilde_has_a_slop() {
        assert_eq!(
            parse_query("\"cessation hostilities\"~3").unwrap(),
            Expr::Phrase {
                scope: Scope::Any,
                text: "cessation hostilities".into(),
                slop: 3
            }
        );
    }

    #[test]
    fn tilde_without_a_number_says_what_to_write() {
        let err = parse_query("\"cessation hostilities\"~ syria").unwrap_err();
        assert_eq!(err, QueryError::SlopNeedsNumber { pos: 23 });
        assert!(err.to_string().contains("\"cessation hostilities\"~3"));
        assert!(matches!(
            parse_query("hostilities~2").unwrap_err(),
            QueryError::SlopOnWord { .. }
        ));
        assert!(parse_query("\"a b\"~1001").is_err());
    }

    #[test]
    fn near_operators_bind_tighter_than_and() {
        let near = |ordered| Expr::Near {
            scope: Scope::Any,
            left: Box::new(word("oil")),
            right: Box::new(word("opec")),
            distance: 5,
            ordered,
        };
        for q in ["oil NEAR/5 opec", "oil w/5 opec", "oil W/5 opec"] {
            assert_eq!(parse_query(q).unwrap(), near(false), "{q}");
        }
        assert_eq!(parse_query("oil PRE/5 opec").unwrap(), near(true));
        assert_eq!(
            parse_query("saudi oil NEAR/5 opec").unwrap(),
            Expr::And(vec![word("saudi"), near(false)])
        );
    }

    #[test]
    fn near_needs_a_distance_and_plain_operands() {
        assert!(matches!(
            parse_query("oil NEAR opec").unwrap_err(),
            QueryError::NearNeedsDistance { .. }
        ));
        assert!(matches!(
            parse_query("(oil OR gas) NEAR/3 opec").unwrap_err(),
            QueryError::NearOperand { .. }
        ));
        assert!(matches!(
            parse_query("title:oil NEAR/3 body:opec").unwrap_err(),
            QueryError::NearFields { .. }
        ));
        assert!(parse_query("oil NEAR/3").is_err());
        // Lower-case "near" is a word.
        assert_eq!(
            parse_query("near miss").unwrap(),
            Expr::And(vec![word("near"), word("miss")])
        );
    }

    #[test]
    fn a_sign_with_nothing_after_it_is_refused() {
        for (q, sign, pos) in [
            ("blair -", '-', 6),
            ("blair - brown", '-', 6),
            ("blair +", '+', 6),
            ("(blair -)", '-', 7),
        ] {
            let err = parse_query(q).unwrap_err();
            assert_eq!(err, QueryError::LoneSign { sign, pos }, "{q}");
        }
        assert_eq!(
            parse_query("blair -").unwrap_err().to_string(),
            "a lone - at position 6 applies to nothing: write it right before the word to leave out (-brown), or remove it"
        );
        // Inside a word or before one, a hyphen is no operator to refuse.
        assert!(parse_query("blair -brown well-known 1987-03 a-").is_ok());
    }

    #[test]
    fn a_word_told_apart_by_unindexed_symbols_is_refused() {
        for (q, word) in [
            ("C++", "C++"),
            ("learn c# now", "c#"),
            ("title:F#", "F#"),
            ("\"C++\"", "C++"),
            ("body:\" c# \"", "c#"),
        ] {
            let err = parse_query(q).unwrap_err();
            assert!(
                matches!(&err, QueryError::SymbolNotIndexed { word: w, .. } if w == word),
                "{q}: {err:?}"
            );
        }
        assert_eq!(
            parse_query("C++").unwrap_err().to_string(),
            "the symbols of \"C++\" at position 0 are not indexed (only letters and digits are), so it would match every \"C\": search for C if that is meant, or for a \"phrase\" of the words around it"
        );
        // Punctuation that ends a sentence or a clause is not what tells a word apart.
        assert!(parse_query("blair, brown. u.s. #metoo 1+1 \"C++ programming\"").is_ok());
    }

    #[test]
    fn trailing_star_is_a_prefix() {
        assert_eq!(
            parse_query("hostil*").unwrap(),
            Expr::Prefix {
                scope: Scope::Any,
                text: "hostil".into()
            }
        );
        assert!(matches!(
            parse_query("h*").unwrap_err(),
            QueryError::PrefixTooShort { .. }
        ));
        assert_eq!(parse_query("*").unwrap(), Expr::All);
        for q in ["ho*st", "**", "\"a ho*st\""] {
            assert!(
                matches!(parse_query(q).unwrap_err(), QueryError::Wildcard { .. }),
                "{q}"
            );
        }
    }

    fn nested_parens(levels: usize) -> String {
        format!("{}oil{}", "(".repeat(levels), ")".repeat(levels))
    }

    fn near_chain(operators: usize) -> String {
        let mut q = "oil".to_string();
        for _ in 0..operators {
            q.push_str(" NEAR/3 gas");
        }
        q
    }

    #[test]
    fn hostile_queries_are_refused_with_the_limit_they_break() {
        let deep_not = format!("oil {}gas", "NOT ".repeat(1000));
        let deep_minus = format!("oil {}gas", "-(".repeat(200) + &")".repeat(200));
        type Check = fn(&QueryError) -> bool;
        let cases: Vec<(String, Check, &str)> = vec![
            (
                deep_not,
                |e| matches!(e, QueryError::TooDeep { .. }),
                "at most 32 levels",
            ),
            (
                deep_minus,
                |e| matches!(e, QueryError::TooDeep { .. }),
                "at most 32 levels",
            ),
            (
                nested_parens(4000),
                |e| matches!(e, QueryError::TooDeep { pos: 32 }),
                "at most 32 levels",
            ),
            (
                nested_parens(8000),
                |e| matches!(e, QueryError::TooLong { bytes: 16003 }),
                "at most 8192",
            ),
            (
                vec!["the"; MAX_TERMS + 1].join(" OR "),
                |e| matches!(e, QueryError::TooManyTerms { count: 257 }),
                "at most 256 are allowed",
            ),
            (
                format!("\"{}\"", vec!["the"; MAX_TERMS + 1].join(" ")),
                |e| matches!(e, QueryError::TooManyTerms { count: 257 }),
                "at most 256 are allowed",
            ),
            (
                near_chain(MAX_NEAR_CHAIN + 1),
                |e| matches!(e, QueryError::NearChainTooLong { .. }),
                "at most 8 NEAR",
            ),
            (
                format!("oil NEAR/3 ({})", near_chain(MAX_NEAR_CHAIN)),
                |e| matches!(e, QueryError::NearChainTooLong { .. }),
                "at most 8 NEAR",
            ),
        ];
        for (query, is_expected, says) in cases {
            let err = parse_query(&query).unwrap_err();
            assert!(
                is_expected(&err),
                "{}: {err:?}",
                &query[..40.min(query.len())]
            );
            let message = err.to_string();
            assert!(message.contains(says), "{message}");
            assert!(!message.contains('\n'), "{message}");
        }
    }

    #[test]
    fn queries_at_the_limits_still_parse() {
        assert_eq!(parse_query(&nested_parens(MAX_DEPTH)).unwrap(), word("oil"));
        let nots = format!("{}oil", "NOT ".repeat(MAX_DEPTH));
        assert!(matches!(parse_query(&nots).unwrap(), Expr::Not(_)));
        let words = vec!["the"; MAX_TERMS].join(" OR ");
        assert!(matches!(parse_query(&words).unwrap(), Expr::Or(w) if w.len() == MAX_TERMS));
        assert!(matches!(
            parse_query(&near_chain(MAX_NEAR_CHAIN)).unwrap(),
            Expr::Near { .. }
        ));
        // Separate chains each get their own allowance.
        let two = format!(
            "{} OR {}",
            near_chain(MAX_NEAR_CHAIN),
            near_chain(MAX_NEAR_CHAIN)
        );
        assert!(matches!(parse_query(&two).unwrap(), Expr::Or(_)));
    }
}
