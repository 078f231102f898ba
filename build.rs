//! Records the git commit the binary is built from, for run manifests (absent outside git).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/index");
    println!("cargo:rerun-if-changed=.git/refs");
    let head = Command::new("git").args(["rev-parse", "HEAD"]).output();
    if let Ok(out) = head {
        if out.status.success() {
            let mut commit = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let dirty = Command::new("git")
                .args(["status", "--porcelain", "--untracked-files=no"])
                .output()
                .map(|o| !o.stdout.is_empty())
                .unwrap_or(false);
            if dirty {
                commit.push_str("-dirty");
            }
            println!("cargo:rustc-env=ASOCIA_GIT_COMMIT={commit}");
        }
    }
}
