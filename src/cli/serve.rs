//! `newsdex serve`: the web page and JSON API over an index, until Ctrl-C.

use super::{Failure, IndexLocation};
use clap::Args;
use newsdex::serve::{ServeError, ServeOptions, is_loopback, serve};
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    location: IndexLocation,
    /// Address to listen on. The default only accepts this machine; any other address makes
    /// the archive readable by everyone who can reach it.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    host: String,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 7700, value_name = "N")]
    port: u16,
}

pub fn run(args: ServeArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let options = ServeOptions {
        index_dir: args.location.dir,
        host: args.host,
        port: args.port,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let outcome = runtime.block_on(serve(&options, |addr| {
        // The URL goes to stdout (a script can read it); the rest is for the person.
        let _ = writeln!(out, "http://{addr}/");
        let _ = out.flush();
        eprintln!(
            "serving {} at http://{addr}/ (Ctrl-C to stop)",
            options.index_dir.display()
        );
        if !is_loopback(&options.host) {
            eprintln!(
                "warning: listening on {}: anyone who can reach this address can read the whole archive",
                options.host
            );
        }
    }));
    match outcome {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(ServeError::Index(e)) => Err(Failure::Index(e)),
        Err(ServeError::Bind { addr, source }) => Err(Failure::Usage(format!(
            "cannot listen on {addr}: {source}; choose another --port or --host"
        ))),
        Err(ServeError::Io(e)) => Err(Failure::Io(e)),
    }
}
