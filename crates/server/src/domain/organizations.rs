//! Organizations: create, read, change, delete, list.

use serde_json::{Map, Value};
use tenantry_api_types::{
    CreateOrganization, FeaturedUser, Organization, Patch, UpdateOrganization,
};

use super::error::{DomainError, DomainResult};
use super::{organization_input as input, user_input};
use crate::ids::new_id;
use crate::state::AppState;
use crate::store::{OrganizationRecord, Window};

/// Members shown on each organization card with `showFeatured=true`.
const FEATURED_USERS: i64 = 3;

pub fn to_api(record: OrganizationRecord) -> Organization {
    Organization {
        custom_data: parse_object(&record.custom_data),
        color: parse_object(&record.color),
        branding: parse_object(&record.branding),
        id: record.id,
        name: record.name,
        description: record.description,
        is_mfa_required: record.is_mfa_required,
        custom_css: record.custom_css,
        created_at: record.created_at,
        users_count: None,
        featured_users: None,
    }
}

fn parse_object(text: &str) -> Map<String, Value> {
    serde_json::from_str(text).unwrap_or_default()
}

pub async fn find(state: &AppState, id: &str) -> DomainResult<OrganizationRecord> {
    state
        .store
        .organization(id)
        .await?
        .ok_or_else(|| DomainError::not_exists_with_id("organization", id))
}

pub async fn create(state: &AppState, body: CreateOrganization) -> DomainResult<Organization> {
    input::name(&body.name)?;
    if let Some(v) = &body.description {
        input::description(v)?;
    }
    if let Some(v) = &body.custom_css {
        input::custom_css(v)?;
    }
    let record = OrganizationRecord {
        id: new_id(),
        name: body.name,
        description: body.description,
        custom_data: user_input::json_object("customData", &body.custom_data.unwrap_or_default())?,
        is_mfa_required: body.is_mfa_required.unwrap_or(false),
        color: input::color(&body.color.unwrap_or_default())?,
        branding: input::branding(&body.branding.unwrap_or_default())?,
        custom_css: body.custom_css,
        created_at: state.clock.now_ms(),
    };
    state
        .store
        .insert_organization(&record)
        .await
        .map_err(DomainError::from)?;
    Ok(to_api(record))
}

pub async fn update(
    state: &AppState,
    id: &str,
    body: UpdateOrganization,
) -> DomainResult<Organization> {
    let mut record = find(state, id).await?;
    if let Some(name) = not_null("name", body.name)? {
        input::name(&name)?;
        record.name = name;
    }
    if let Some(v) = body.description.as_value() {
        input::description(v)?;
    }
    if let Some(v) = body.custom_css.as_value() {
        input::custom_css(v)?;
    }
    if let Some(v) = body.description.into_change() {
        record.description = v;
    }
    if let Some(v) = body.custom_css.into_change() {
        record.custom_css = v;
    }
    if let Some(v) = not_null("customData", body.custom_data)? {
        record.custom_data = user_input::json_object("customData", &v)?;
    }
    if let Some(v) = not_null("isMfaRequired", body.is_mfa_required)? {
        record.is_mfa_required = v;
    }
    if let Some(v) = not_null("color", body.color)? {
        record.color = input::color(&v)?;
    }
    if let Some(v) = not_null("branding", body.branding)? {
        record.branding = input::branding(&v)?;
    }
    if !state
        .store
        .update_organization(&record)
        .await
        .map_err(DomainError::from)?
    {
        return Err(DomainError::not_exists_with_id("organization", id));
    }
    Ok(to_api(record))
}

/// The new value of a field that cannot be cleared; `null` is refused.
fn not_null<T>(field: &str, patch: Patch<T>) -> DomainResult<Option<T>> {
    match patch {
        Patch::Absent => Ok(None),
        Patch::Null => Err(DomainError::invalid(field, "must not be null")),
        Patch::Value(v) => Ok(Some(v)),
    }
}

pub async fn delete(state: &AppState, id: &str) -> DomainResult<()> {
    if state.store.delete_organization(id).await? {
        Ok(())
    } else {
        Err(DomainError::not_exists_with_id("organization", id))
    }
}

/// A page of organizations; with `featured`, each carries its member count and
/// up to three members.
pub async fn list(
    state: &AppState,
    q: Option<&str>,
    featured: bool,
    window: Window,
) -> DomainResult<(Vec<Organization>, i64)> {
    let (records, total) = state.store.organizations(q, window).await?;
    let mut organizations: Vec<Organization> = records.into_iter().map(to_api).collect();
    if featured {
        let ids: Vec<String> = organizations.iter().map(|o| o.id.clone()).collect();
        let (counts, users) = state.store.featured_members(&ids, FEATURED_USERS).await?;
        for organization in &mut organizations {
            let count = counts
                .iter()
                .find(|(id, _)| *id == organization.id)
                .map_or(0, |(_, n)| *n);
            organization.users_count = Some(count);
            organization.featured_users = Some(
                users
                    .iter()
                    .filter(|u| u.organization_id == organization.id)
                    .map(|u| FeaturedUser {
                        id: u.id.clone(),
                        avatar: u.avatar.clone(),
                        name: u.name.clone(),
                    })
                    .collect(),
            );
        }
    }
    Ok((organizations, total))
}
