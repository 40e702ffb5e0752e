//! What each vendor can do, as data: the CLI refuses before any request, and `crm vendors`,
//! the help and the README's table are printed from it.

use crate::model::{Target, Vendor};

/// Every operation a vendor may or may not offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    List,
    Get,
    Create,
    Update,
    Delete,
    Merge,
    Follow,
    Unfollow,
    Followers,
    AssociateContact,
    AssociateCompany,
    DissociateContact,
    DissociateCompany,
    Upsert,
    Pipelines,
    Users,
}

impl Op {
    pub const ALL: [Op; 16] = [
        Op::List,
        Op::Get,
        Op::Create,
        Op::Update,
        Op::Delete,
        Op::Merge,
        Op::Follow,
        Op::Unfollow,
        Op::Followers,
        Op::AssociateContact,
        Op::AssociateCompany,
        Op::DissociateContact,
        Op::DissociateCompany,
        Op::Upsert,
        Op::Pipelines,
        Op::Users,
    ];

    /// The command a user typed, as it reads in messages and tables.
    pub fn describe(self) -> &'static str {
        match self {
            Op::List => "deals list",
            Op::Get => "deals get",
            Op::Create => "deals create",
            Op::Update => "deals update",
            Op::Delete => "deals delete",
            Op::Merge => "deals merge",
            Op::Follow => "deals follow",
            Op::Unfollow => "deals unfollow",
            Op::Followers => "deals followers",
            Op::AssociateContact => "deals associate --contact",
            Op::AssociateCompany => "deals associate --company",
            Op::DissociateContact => "deals dissociate --contact",
            Op::DissociateCompany => "deals dissociate --company",
            Op::Upsert => "deals upsert",
            Op::Pipelines => "pipelines list / stages list",
            Op::Users => "owners by name",
        }
    }

    pub fn associate(target: &Target) -> Op {
        match target {
            Target::Contact(_) => Op::AssociateContact,
            Target::Company(_) => Op::AssociateCompany,
        }
    }

    pub fn dissociate(target: &Target) -> Op {
        match target {
            Target::Contact(_) => Op::DissociateContact,
            Target::Company(_) => Op::DissociateCompany,
        }
    }
}

/// The filters and options of `deals list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Filter {
    Stage,
    Pipeline,
    Owner,
    Status,
    Deleted,
    Contact,
    Company,
    UpdatedSince,
    UpdatedUntil,
    Search,
    Ids,
    Name,
    CloseDate,
    Hot,
    Source,
    Archived,
    Sort,
    WithContacts,
    Custom,
}

impl Filter {
    pub const ALL: [Filter; 19] = [
        Filter::Stage,
        Filter::Pipeline,
        Filter::Owner,
        Filter::Status,
        Filter::Deleted,
        Filter::Contact,
        Filter::Company,
        Filter::UpdatedSince,
        Filter::UpdatedUntil,
        Filter::Search,
        Filter::Ids,
        Filter::Name,
        Filter::CloseDate,
        Filter::Hot,
        Filter::Source,
        Filter::Archived,
        Filter::Sort,
        Filter::WithContacts,
        Filter::Custom,
    ];

    pub fn flag(self) -> &'static str {
        match self {
            Filter::Stage => "--stage",
            Filter::Pipeline => "--pipeline",
            Filter::Owner => "--owner",
            Filter::Status => "--status",
            Filter::Deleted => "--status deleted",
            Filter::Contact => "--contact",
            Filter::Company => "--company",
            Filter::UpdatedSince => "--updated-since",
            Filter::UpdatedUntil => "--updated-until",
            Filter::Search => "--search",
            Filter::Ids => "--ids",
            Filter::Name => "--name",
            Filter::CloseDate => "--close-date",
            Filter::Hot => "--hot",
            Filter::Source => "--source",
            Filter::Archived => "--archived",
            Filter::Sort => "--sort",
            Filter::WithContacts => "--with-contacts",
            Filter::Custom => "--custom",
        }
    }
}

/// How a vendor handles one filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// The vendor's API filters.
    Native,
    /// `crm` filters the pages it reads, and says so on stderr.
    ClientSide,
    /// Refused with exit 6.
    No,
}

impl Support {
    pub fn symbol(self) -> &'static str {
        match self {
            Support::Native => "yes",
            Support::ClientSide => "client-side",
            Support::No => "-",
        }
    }
}

/// A vendor's declared abilities. Plain data; unlisted operations and filters are unsupported.
#[derive(Debug)]
pub struct Capabilities {
    pub vendor: Vendor,
    pub ops: &'static [Op],
    pub filters: &'static [(Filter, Support)],
    /// The sort fields `--sort` accepts, in the common model's names.
    pub sort_fields: &'static [&'static str],
    /// What a delete does, for the confirmation prompt.
    pub delete_effect: &'static str,
    /// Whether the vendor documents a web address for a deal, so deals carry `url`.
    pub deal_links: bool,
}

impl Capabilities {
    pub fn of(vendor: Vendor) -> &'static Capabilities {
        match vendor {
            Vendor::Hubspot => &super::hubspot::CAPABILITIES,
            Vendor::Pipedrive => &super::pipedrive::CAPABILITIES,
            Vendor::Sell => &super::sell::CAPABILITIES,
        }
    }

    pub fn supports(&self, op: Op) -> bool {
        self.ops.contains(&op)
    }

    pub fn filter(&self, filter: Filter) -> Support {
        self.filters
            .iter()
            .find(|(f, _)| *f == filter)
            .map_or(Support::No, |(_, s)| *s)
    }
}
