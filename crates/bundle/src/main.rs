//! `bundle`: the editor's tool for event bundles. Import markdown exports, check bundles, write
//! the collection index, print the JSON Schema and generate synthetic collections for testing at
//! scale. All the work is the library's; this file only reads and writes files and turns
//! problems into messages and exit codes.

fn main() -> std::process::ExitCode {
    cli::main()
}

mod cli {
    use std::fs;
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use clap::{Parser, Subcommand};
    use eventlens_bundle::import;
    use eventlens_bundle::synth::{self, Shape, Spec};
    use eventlens_bundle::worst;
    use eventlens_format::index::build_index;
    use eventlens_format::limits;
    use eventlens_format::model::{bundle_json_schema, doc_json_schema, to_pretty_json as to_json, EventBundle};
    use eventlens_site as site;

    #[derive(Parser)]
    #[command(name = "bundle", about = "Import, check and index eventlens event bundles")]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Convert a markdown export of an event page into a bundle (JSON).
        Import {
            file: PathBuf,
            /// Where to write the bundle; standard output when neither this nor --into is given.
            #[arg(short, long, conflicts_with = "into")]
            out: Option<PathBuf>,
            /// A collection folder: the bundle goes to INTO/{lang}/n/{slug}.json.
            #[arg(long)]
            into: Option<PathBuf>,
        },
        /// Validate bundles, given as files or folders (folders: every `*/n/*.json` inside).
        Check {
            #[arg(required = true)]
            paths: Vec<PathBuf>,
        },
        /// Build the site from the bundles at COLLECTION/{lang}/n/{slug}.json and the app shell
        /// trunk built: every page's documents and its prerendered page, and the oEmbed
        /// documents. Only what changed since the last build into OUT is made and written; on
        /// any bad bundle nothing is written and OUT stays as it was.
        Site {
            collection: PathBuf,
            /// The folder `trunk build` wrote (index.html, the JS and wasm, boot.js, …); not
            /// needed with --data-only.
            #[arg(long, required_unless_present = "data_only")]
            app: Option<PathBuf>,
            #[arg(long)]
            out: PathBuf,
            /// The site's URL, for absolute links (https://example.com, or with the app's base
            /// path); each event's canonical origin when absent.
            #[arg(long, env = "SITE_URL")]
            site: Option<String>,
            /// Only the documents, no prerendered pages (what `trunk serve` needs).
            #[arg(long)]
            data_only: bool,
            /// Write the site paths of the changed and removed files here, one per line.
            #[arg(long)]
            changes: Option<PathBuf>,
            /// Lay the explorer's whole graph out afresh rather than updating the last build's
            /// layout (new nodes are otherwise placed among their neighbours, the rest kept).
            #[arg(long)]
            relayout: bool,
            /// Leave out the share cards (for test sites: they cost more than all the pages).
            #[arg(long)]
            no_cards: bool,
        },
        /// Write the format's rules (slug and language patterns, document paths) into the
        /// generated blocks of public/boot.js, public/embed.js and deploy/nginx.conf, run from
        /// the repository's root; `--check` only says whether they are fresh.
        Rules {
            #[arg(long)]
            check: bool,
        },
        /// Print the JSON Schema of the bundle format (`--doc`: of the event document the app
        /// reads on a built site).
        Schema {
            #[arg(long)]
            doc: bool,
        },
        /// Print every limit of the format; with --out, write the worst valid bundle and one bundle
        /// over each limit into OUT/{lang}/n/, their manifest (OUT/limits.json, each one-over
        /// file with the error `check` must give) and the worst bundle's index (OUT/index.json).
        Limits {
            /// A new or empty folder; never inside the repository's public/data.
            #[arg(long)]
            out: Option<PathBuf>,
            /// The bundles' language.
            #[arg(long, default_value = "zh", requires = "out")]
            lang: String,
            /// Write into OUT even if it is not empty, overwriting files of the same name.
            #[arg(long, requires = "out")]
            force: bool,
        },
        /// Write a synthetic collection for testing at scale: OUT/{lang}/n/{slug}.json and
        /// OUT/index.json. The same arguments always write the same bytes.
        Synth {
            /// How many events.
            #[arg(long)]
            events: usize,
            #[arg(long)]
            seed: u64,
            /// A new or empty folder; never inside the repository's public/data.
            #[arg(long)]
            out: PathBuf,
            /// The events' language.
            #[arg(long, default_value = "en")]
            lang: String,
            /// Give every event exactly this many takes (with --lenses) instead of 3 to 12.
            #[arg(long, requires = "lenses")]
            takes: Option<usize>,
            /// Spread the takes over this many lenses (with --takes).
            #[arg(long, requires = "takes")]
            lenses: Option<usize>,
            /// Write into OUT even if it is not empty, overwriting files of the same name; the
            /// index lists only the generated events.
            #[arg(long)]
            force: bool,
        },
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        let result = match cli.command {
            Command::Import { file, out, into } => run_import(&file, out.as_deref(), into.as_deref()),
            Command::Check { paths } => run_check(&paths),
            Command::Schema { doc } => {
                print!("{}", if doc { doc_json_schema() } else { bundle_json_schema() });
                Ok(())
            }
            Command::Rules { check } => run_rules(check),
            Command::Site { collection, app, out, site, data_only, changes, relayout, no_cards } => {
                let cards = !no_cards;
                run_site(&site::Options { collection, app, out, site, data_only, relayout, cards }, changes.as_deref())
            }
            Command::Limits { out, lang, force } => run_limits(out.as_deref(), &lang, force),
            Command::Synth { events, seed, out, lang, takes, lenses, force } => {
                let shape = takes.zip(lenses).map(|(takes, lenses)| Shape { takes, lenses });
                run_synth(&Spec { events, seed, lang, shape }, &out, force)
            }
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(messages) => {
                for m in messages {
                    eprintln!("{m}");
                }
                ExitCode::FAILURE
            }
        }
    }

    fn read(path: &Path) -> Result<String, Vec<String>> {
        fs::read_to_string(path).map_err(|e| vec![format!("{}: cannot read: {e}", path.display())])
    }

    fn write(path: &Path, text: &str) -> Result<(), Vec<String>> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| vec![format!("{}: cannot create: {e}", parent.display())])?;
        }
        fs::write(path, text).map_err(|e| vec![format!("{}: cannot write: {e}", path.display())])
    }

    fn run_import(file: &Path, out: Option<&Path>, into: Option<&Path>) -> Result<(), Vec<String>> {
        let source = read(file)?;
        let located = |e: &import::ImportError| match e.line {
            Some(line) => format!("{}:{line}: {}", file.display(), e.message),
            None => format!("{}: {}", file.display(), e.message),
        };
        let bundle =
            import::import_markdown(&source).map_err(|errors| errors.iter().map(located).collect::<Vec<_>>())?;
        let json = to_json(&bundle);
        let into_path = into.map(|dir| dir.join(&bundle.lang).join("n").join(format!("{}.json", bundle.slug)));
        match out.or(into_path.as_deref()) {
            Some(path) => {
                write(path, &json)?;
                let c = bundle.counts();
                eprintln!("{}: {} takes · {} lenses · {} regions", path.display(), c.takes, c.lenses, c.regions);
            }
            None => print!("{json}"),
        }
        Ok(())
    }

    fn run_check(paths: &[PathBuf]) -> Result<(), Vec<String>> {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for path in paths {
            if path.is_dir() {
                match site::collection::bundle_files(path) {
                    Ok(found) if found.is_empty() => {
                        errors.push(format!("{}: no bundles (*/n/*.json) in this folder", path.display()))
                    }
                    Ok(found) => files.extend(found),
                    Err(e) => errors.push(e),
                }
            } else {
                files.push(path.clone());
            }
        }
        for file in &files {
            match site::collection::read_bundle(file) {
                Ok(bundle) => {
                    let c = bundle.counts();
                    println!(
                        "{}: ok ({} takes · {} lenses · {} regions)",
                        file.display(),
                        c.takes,
                        c.lenses,
                        c.regions
                    );
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Writes DIR/index.json for `bundles`: the one way `index` and `synth` build it.
    fn write_index(dir: &Path, bundles: &[EventBundle]) -> Result<(), Vec<String>> {
        let index = build_index(bundles);
        let path = dir.join("index.json");
        write(&path, &to_json(&index))?;
        eprintln!(
            "{}: {} events, {} entities, {} nodes, {} edges",
            path.display(),
            index.events.len(),
            index.entities.len(),
            index.nodes.len(),
            index.edges.len()
        );
        Ok(())
    }

    /// The process's user and system CPU time, all threads, from Linux's /proc (ticks of 1/100 s,
    /// the kernel's USER_HZ); None elsewhere.
    fn cpu_seconds() -> Option<f64> {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        // Fields after the command name, which is in parentheses and may hold spaces.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
        Some((ticks(11)? + ticks(12)?) / 100.0)
    }

    fn cores() -> usize {
        std::thread::available_parallelism().map_or(1, usize::from)
    }

    fn run_limits(out: Option<&Path>, lang: &str, force: bool) -> Result<(), Vec<String>> {
        let Some(out) = out else {
            for (name, max) in limits::ALL {
                println!("{name}\t{max}");
            }
            return Ok(());
        };
        let manifest = worst::write(out, lang, force).map_err(|e| vec![e])?;
        eprintln!(
            "{}: the worst valid bundle ({}) and {} bundles one over a limit; manifest {}",
            out.display(),
            manifest.worst_valid.file,
            manifest.one_over.len(),
            out.join("limits.json").display()
        );
        Ok(())
    }

    fn run_rules(check: bool) -> Result<(), Vec<String>> {
        let mut stale = Vec::new();
        for (file, block) in eventlens_bundle::rules::targets() {
            let text = read(Path::new(file))?;
            let fresh = eventlens_bundle::rules::splice(&text, &block).map_err(|e| vec![format!("{file}: {e}")])?;
            if fresh != text {
                if check {
                    stale.push(format!("{file}: its generated block is stale; run `bundle rules`"));
                } else {
                    write(Path::new(file), &fresh)?;
                    eprintln!("{file}: generated block rewritten");
                }
            }
        }
        if stale.is_empty() {
            Ok(())
        } else {
            Err(stale)
        }
    }

    fn run_site(options: &site::Options, changes: Option<&Path>) -> Result<(), Vec<String>> {
        let report = site::build(options)?;
        for (what, seconds) in &report.timings {
            eprintln!("  {what}: {seconds:.2} s");
        }
        let total = report.seconds;
        if let Some(cpu) = cpu_seconds() {
            // On a busy machine the wall time says little; the CPU time over the cores is what
            // the build would take on the machine alone.
            eprintln!("  CPU time: {cpu:.1} s ({:.1} s over {} cores)", cpu / cores() as f64, cores());
        }
        eprintln!(
            "{}: {} events; {} pages rendered, {} documents written, {} files removed in {total:.1} s ({})",
            options.out.display(),
            report.events,
            report.pages_rendered,
            report.documents_written,
            report.removed.len(),
            site::build::summarise(&report),
        );
        if let Some(file) = changes {
            let mut lines: Vec<&str> = report.changed.iter().chain(&report.removed).map(String::as_str).collect();
            lines.sort_unstable();
            let mut text = lines.join("\n");
            text.push('\n');
            write(file, &text)?;
        }
        Ok(())
    }

    fn run_synth(spec: &Spec, out: &Path, force: bool) -> Result<(), Vec<String>> {
        let bundles = synth::generate(spec).map_err(|e| vec![e])?;
        synth::write_bundles(out, &bundles, force).map_err(|e| vec![e])?;
        write_index(out, &bundles)
    }
}
