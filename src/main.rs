//! The `newsdex` command: parses flags, calls the library, maps errors to exit codes
//! (0 success, 1 runtime failure, 2 usage or query error).

mod cli;

use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let mut stdout = io::stdout().lock();
    let outcome = cli::run(args, &mut stdout).and_then(|code| {
        stdout.flush().map_err(cli::Failure::from)?;
        Ok(code)
    });
    match outcome {
        Ok(code) => code,
        // `newsdex search … | head` closes the pipe early: that is not an error.
        Err(cli::Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}
