fn main() {
    std::process::exit(crm::cli::main());
}
