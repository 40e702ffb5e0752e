//! What each vendor can do, as data: the CLI refuses before any request, and `crm vendors`,
//! the help and the README's table are printed from it.

use strum::EnumIter;
pub use strum::IntoEnumIterator;

use crate::error::{Error, Result};
use crate::model::{AssociateOptions, Target, Vendor};

/// Every operation a vendor may or may not offer; `Op::iter()` walks them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter)]
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
    History,
}

impl Op {
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
            Op::History => "deals history",
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

/// The filters and options of `deals list`; `Filter::iter()` walks them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter)]
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

/// The common fields `--sort` takes, on any vendor: natively where the vendor's
/// [`Capabilities::sort_fields`] list them, else sorted by crm once the whole list is read.
pub const SORTABLE: [&str; 6] = [
    "id",
    "name",
    "amount",
    "close_date",
    "created_at",
    "updated_at",
];

/// A vendor's declared abilities. Plain data; unlisted operations and filters are unsupported.
#[derive(Debug)]
pub struct Capabilities {
    pub vendor: Vendor,
    pub ops: &'static [Op],
    pub filters: &'static [(Filter, Support)],
    /// The sort fields the vendor's API applies, in the common model's names. The other
    /// [`SORTABLE`] fields are sorted by crm on a whole list ([`Capabilities::sort_support`]).
    pub sort_fields: &'static [&'static str],
    /// What a delete does, for the confirmation prompt.
    pub delete_effect: &'static str,
    /// Whether the vendor documents a web address for a deal, so deals carry `url`.
    pub deal_links: bool,
    /// What to do instead of an operation the vendor lacks, where there is something.
    pub instead: &'static [(Op, &'static str)],
    /// The options `deals associate` takes besides the target.
    pub associations: Associations,
}

/// The options of `deals associate` a vendor takes besides the target: roles, labels and a
/// primary contact. [`Capabilities::check_associate`] refuses the others before any request.
#[derive(Debug)]
pub struct Associations {
    /// The roles a deal's contact may hold (`--role`), the first the default; none: no `--role`.
    pub roles: &'static [&'static str],
    /// Whether `--label` names one of the vendor's association labels.
    pub labels: bool,
    /// Whether a deal has a primary contact for `--primary` to set (not only a primary company).
    pub primary_contact: bool,
    /// What to say when `--role` or `--label` is given and the vendor lacks it: message and hint.
    pub lacking: (&'static str, &'static str),
}

impl Capabilities {
    /// The capabilities in `vendor`'s descriptor.
    pub fn of(vendor: Vendor) -> &'static Capabilities {
        &vendor.spec().capabilities
    }

    pub fn supports(&self, op: Op) -> bool {
        self.ops.contains(&op)
    }

    /// What to do instead of an operation the vendor lacks, where there is something.
    pub fn instead(&self, op: Op) -> Option<&'static str> {
        self.instead
            .iter()
            .find(|(o, _)| *o == op)
            .map(|(_, advice)| *advice)
    }

    /// How `--sort FIELD` is done: by the vendor, by crm on a whole list (`--all`), or not at all
    /// (a field no deal can be sorted by).
    pub fn sort_support(&self, field: &str) -> Support {
        if self.sort_fields.contains(&field) {
            Support::Native
        } else if SORTABLE.contains(&field) {
            Support::ClientSide
        } else {
            Support::No
        }
    }

    /// The sortable fields as `crm vendors` and the README show them: the vendor's own, then
    /// those crm sorts itself on `--all`.
    pub fn sorts_described(&self) -> String {
        let client: Vec<&str> = SORTABLE
            .iter()
            .copied()
            .filter(|f| self.sort_support(f) == Support::ClientSide)
            .collect();
        match (self.sort_fields.is_empty(), client.is_empty()) {
            (_, true) => self.sort_fields.join(", "),
            (true, false) => format!("{} (client-side, --all)", client.join(", ")),
            (false, false) => format!(
                "{}; {} client-side (--all)",
                self.sort_fields.join(", "),
                client.join(", ")
            ),
        }
    }

    /// Refuses the `deals associate` options the vendor does not take for `target`, before any
    /// request: [`Error::Usage`] saying what it takes instead.
    pub fn check_associate(&self, target: &Target, options: &AssociateOptions) -> Result<()> {
        let takes = &self.associations;
        let name = self.vendor.spec().display_name;
        if (options.role.is_some() && takes.roles.is_empty())
            || (options.label.is_some() && !takes.labels)
        {
            let (message, hint) = takes.lacking;
            return Err(Error::usage_hint(message, hint));
        }
        if let Some(role) = options.role.as_deref().filter(|r| !takes.roles.contains(r)) {
            let hint = match takes.roles {
                [only] => {
                    format!("the only documented role is {only:?} (the default): drop --role")
                }
                several => format!("the documented roles are {}", several.join(", ")),
            };
            return Err(Error::usage_hint(
                format!("role {role:?} is not one {name} knows"),
                hint,
            ));
        }
        let primary = options.primary || options.replace;
        if options.label.is_some() && primary {
            return Err(Error::usage(
                "give --label or --primary/--replace, not both",
            ));
        }
        if primary && matches!(target, Target::Contact(_)) && !takes.primary_contact {
            return Err(Error::usage(format!(
                "{name} has no primary contact: --primary and --replace are for companies"
            )));
        }
        Ok(())
    }

    pub fn filter(&self, filter: Filter) -> Support {
        self.filters
            .iter()
            .find(|(f, _)| *f == filter)
            .map_or(Support::No, |(_, s)| *s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vendor_sorts_every_sortable_field_natively_or_on_a_whole_list() {
        for vendor in Vendor::ALL {
            let caps = Capabilities::of(vendor);
            for field in caps.sort_fields {
                assert!(SORTABLE.contains(field), "{vendor}: {field}");
            }
            for field in SORTABLE {
                assert_ne!(caps.sort_support(field), Support::No, "{vendor}: {field}");
            }
            assert_eq!(caps.sort_support("colour"), Support::No);
        }
        let pipedrive = Capabilities::of(Vendor::Pipedrive);
        assert_eq!(pipedrive.sort_support("amount"), Support::ClientSide);
        assert_eq!(
            pipedrive.sorts_described(),
            "id, created_at, updated_at; name, amount, close_date client-side (--all)"
        );
        assert_eq!(
            Capabilities::of(Vendor::Sell).sorts_described(),
            "id, name, amount, close_date, created_at, updated_at"
        );
    }
}
