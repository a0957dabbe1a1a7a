//! The 74 Platform report ids of Druva's reporting API (`POST /platform/reporting/{version}/reports/{reportID}`),
//! as constants, so a typo is a compile error rather than a silent 404.
//!
//! The list is open: the generated `get_report_data().report_id(...)` takes any string, so a
//! report Druva adds later (or one only your account sees, such as those `list_reports` answers)
//! works without a new SDK release. [`report_id::is_known`] says whether an id is in this list.
//!
//! ```no_run
//! use druva_sdk::reports::report_id;
//! use druva_sdk::{Client, types};
//! use futures::TryStreamExt;
//!
//! # async fn demo(client: Client) -> Result<(), Box<dyn std::error::Error>> {
//! let filter = types::ReportFilter::builder()
//!     .field_name("lastUpdatedTime")
//!     .operator(types::ReportFilterOperator::Gte)
//!     .value("2026-01-01T00:00:00Z");
//! let rows: Vec<_> = client
//!     .get_report_data()
//!     .version("v1")
//!     .report_id(report_id::EP_LAST_BACKUP_STATUS)
//!     .body(types::ReportRequest::builder().filters(
//!         types::ReportFilters::builder().page_size(500).filter_by(vec![filter.try_into()?]),
//!     ))
//!     .stream()
//!     .try_collect()
//!     .await?;
//! println!("{} rows", rows.len());
//! # Ok(())
//! # }
//! ```

/// Report ids by product: `DG_*` Data Governance, `EP_*` Endpoints, `EW_*` Enterprise
/// Workloads, `M365_*` Microsoft 365, `GOOGLE_*` Google Workspace, `SFDC_*` Salesforce (Druva's
/// platform reporting spec, `reportID` path parameter).
pub mod report_id {
    /// Data Governance: data protection risk.
    pub const DG_DATA_PROTECTION_RISK: &str = "dgDataProtectionRisk";
    /// Data Governance: rollback actions.
    pub const DG_ROLLBACK_ACTIONS: &str = "dgRollbackActions";
    /// Data Governance: unusual data activity alerts.
    pub const DG_UNUSUAL_DATA_ACTIVITY_ALERTS: &str = "dgUnusualDataActivityAlerts";
    /// Data Governance: data access events.
    pub const DG_DATA_ACCESS_EVENTS: &str = "dgDataAccessEvents";
    /// Data Governance: admin login events.
    pub const DG_ADMIN_LOGIN_EVENTS: &str = "dgAdminLoginEvents";
    /// Data Governance: quarantine resources.
    pub const DG_QUARANTINE_RESOURCES: &str = "dgQuarantineResources";
    /// Data Governance: malicious scan job.
    pub const DG_MALICIOUS_SCAN_JOB: &str = "dgMaliciousScanJob";
    /// Data Governance: curated snapshots.
    pub const DG_CURATED_SNAPSHOTS: &str = "dgCuratedSnapshots";
    /// Data Governance: eDiscovery download jobs report.
    pub const DG_EDISCOVERY_DOWNLOAD_JOBS_REPORT: &str = "dgeDiscoveryDownloadJobsReport";
    /// Data Governance: global custodian report.
    pub const DG_GLOBAL_CUSTODIAN_REPORT: &str = "dgGlobalCustodianReport";
    /// Data Governance: non-compliant file report.
    pub const DG_NON_COMPLIANT_FILE_REPORT: &str = "dgNonCompliantFileReport";
    /// Data Governance: archived non-compliant file report.
    pub const DG_ARCHIVED_NON_COMPLIANT_FILE_REPORT: &str = "dgArchivedNonCompliantFileReport";
    /// Data Governance: non-compliant email report.
    pub const DG_NON_COMPLIANT_EMAIL_REPORT: &str = "dgNonCompliantEmailReport";
    /// Data Governance: archived non-compliant email report.
    pub const DG_ARCHIVED_NON_COMPLIANT_EMAIL_REPORT: &str = "dgArchivedNonCompliantEmailReport";
    /// Data Governance: defensible delete for files report.
    pub const DG_DEFENSIBLE_DELETE_FOR_FILES_REPORT: &str = "dgDefensibleDeleteForFilesReport";
    /// Data Governance: defensible delete for emails report.
    pub const DG_DEFENSIBLE_DELETE_FOR_EMAILS_REPORT: &str = "dgDefensibleDeleteForEmailsReport";
    /// Endpoints: alert.
    pub const EP_ALERT: &str = "epAlert";
    /// Endpoints: deleted device.
    pub const EP_DELETED_DEVICE: &str = "epDeletedDevice";
    /// Endpoints: inactive devices.
    pub const EP_INACTIVE_DEVICES: &str = "epInactiveDevices";
    /// Endpoints: last backup status.
    pub const EP_LAST_BACKUP_STATUS: &str = "epLastBackupStatus";
    /// Endpoints: license usage.
    pub const EP_LICENSE_USAGE: &str = "epLicenseUsage";
    /// Endpoints: preserved users datasources.
    pub const EP_PRESERVED_USERS_DATASOURCES: &str = "epPreservedUsersDatasources";
    /// Endpoints: restore activity.
    pub const EP_RESTORE_ACTIVITY: &str = "epRestoreActivity";
    /// Endpoints: shared devices.
    pub const EP_SHARED_DEVICES: &str = "epSharedDevices";
    /// Endpoints: upgrade activity.
    pub const EP_UPGRADE_ACTIVITY: &str = "epUpgradeActivity";
    /// Endpoints: user provisioning.
    pub const EP_USER_PROVISIONING: &str = "epUserProvisioning";
    /// Endpoints: user rollout.
    pub const EP_USER_ROLLOUT: &str = "epUserRollout";
    /// Endpoints: users.
    pub const EP_USERS: &str = "epUsers";
    /// Endpoints: storage consumption.
    pub const EP_STORAGE_CONSUMPTION: &str = "epStorageConsumption";
    /// Enterprise Workloads: admin audit trails.
    pub const EW_ADMIN_AUDIT_TRAILS: &str = "ewAdminAuditTrails";
    /// Enterprise Workloads: alert history.
    pub const EW_ALERT_HISTORY: &str = "ewAlertHistory";
    /// Enterprise Workloads: backup activity.
    pub const EW_BACKUP_ACTIVITY: &str = "ewBackupActivity";
    /// Enterprise Workloads: disaster recovery failback activity.
    pub const EW_DISASTER_RECOVERY_FAILBACK_ACTIVITY: &str = "ewDisasterRecoveryFailbackActivity";
    /// Enterprise Workloads: disaster recovery failover activity.
    pub const EW_DISASTER_RECOVERY_FAILOVER_ACTIVITY: &str = "ewDisasterRecoveryFailoverActivity";
    /// Enterprise Workloads: disaster recovery replication activity.
    pub const EW_DISASTER_RECOVERY_REPLICATION_ACTIVITY: &str =
        "ewDisasterRecoveryReplicationActivity";
    /// Enterprise Workloads: resource status.
    pub const EW_RESOURCE_STATUS: &str = "ewResourceStatus";
    /// Enterprise Workloads: restore activity.
    pub const EW_RESTORE_ACTIVITY: &str = "ewRestoreActivity";
    /// Enterprise Workloads: storage consumption by backup sets.
    pub const EW_STORAGE_CONSUMPTION_BY_BACKUP_SETS: &str = "ewStorageConsumptionbyBackupSets";
    /// Microsoft 365: SharePoint site discovery.
    pub const M365_SHAREPOINT_SITE_DISCOVERY: &str = "m365SharePointSiteDiscovery";
    /// Microsoft 365: teams discovery.
    pub const M365_TEAMS_DISCOVERY: &str = "m365TeamsDiscovery";
    /// Microsoft 365: groups discovery.
    pub const M365_GROUPS_DISCOVERY: &str = "m365GroupsDiscovery";
    /// Microsoft 365: alerts.
    pub const M365_ALERTS: &str = "m365Alerts";
    /// Microsoft 365: license usage.
    pub const M365_LICENSE_USAGE: &str = "m365LicenseUsage";
    /// Microsoft 365: preserved users datasources.
    pub const M365_PRESERVED_USERS_DATASOURCES: &str = "m365PreservedUsersDatasources";
    /// Microsoft 365: storage consumption.
    pub const M365_STORAGE_CONSUMPTION: &str = "m365StorageConsumption";
    /// Microsoft 365: user count and status.
    pub const M365_USER_COUNT_AND_STATUS: &str = "m365UserCountAndStatus";
    /// Microsoft 365: user last backup status.
    pub const M365_USER_LAST_BACKUP_STATUS: &str = "m365UserLastBackupStatus";
    /// Microsoft 365: user provisioning.
    pub const M365_USER_PROVISIONING: &str = "m365UserProvisioning";
    /// Microsoft 365: user restore activity.
    pub const M365_USER_RESTORE_ACTIVITY: &str = "m365UserRestoreActivity";
    /// Microsoft 365: user workload.
    pub const M365_USER_WORKLOAD: &str = "m365UserWorkload";
    /// Microsoft 365: SharePoint backup activity.
    pub const M365_SHAREPOINT_BACKUP_ACTIVITY: &str = "m365SharePointBackupActivity";
    /// Microsoft 365: SharePoint restore activity.
    pub const M365_SHAREPOINT_RESTORE_ACTIVITY: &str = "m365SharePointRestoreActivity";
    /// Microsoft 365: teams backup activity.
    pub const M365_TEAMS_BACKUP_ACTIVITY: &str = "m365TeamsBackupActivity";
    /// Microsoft 365: teams restore activity.
    pub const M365_TEAMS_RESTORE_ACTIVITY: &str = "m365TeamsRestoreActivity";
    /// Microsoft 365: groups backup activity.
    pub const M365_GROUPS_BACKUP_ACTIVITY: &str = "m365GroupsBackupActivity";
    /// Microsoft 365: groups restore activity.
    pub const M365_GROUPS_RESTORE_ACTIVITY: &str = "m365GroupsRestoreActivity";
    /// Microsoft 365: public folder backup activity.
    pub const M365_PUBLIC_FOLDER_BACKUP_ACTIVITY: &str = "m365PublicFolderBackupActivity";
    /// Microsoft 365: public folder restore activity.
    pub const M365_PUBLIC_FOLDER_RESTORE_ACTIVITY: &str = "m365PublicFolderRestoreActivity";
    /// Google Workspace: alerts.
    pub const GOOGLE_ALERTS: &str = "googleAlerts";
    /// Google Workspace: license usage.
    pub const GOOGLE_LICENSE_USAGE: &str = "googleLicenseUsage";
    /// Google Workspace: preserved users datasources.
    pub const GOOGLE_PRESERVED_USERS_DATASOURCES: &str = "googlePreservedUsersDatasources";
    /// Google Workspace: storage consumption.
    pub const GOOGLE_STORAGE_CONSUMPTION: &str = "googleStorageConsumption";
    /// Google Workspace: user count and status.
    pub const GOOGLE_USER_COUNT_AND_STATUS: &str = "googleUserCountAndStatus";
    /// Google Workspace: user last backup status.
    pub const GOOGLE_USER_LAST_BACKUP_STATUS: &str = "googleUserLastBackupStatus";
    /// Google Workspace: user provisioning.
    pub const GOOGLE_USER_PROVISIONING: &str = "googleUserProvisioning";
    /// Google Workspace: user restore activity.
    pub const GOOGLE_USER_RESTORE_ACTIVITY: &str = "googleUserRestoreActivity";
    /// Google Workspace: user workload.
    pub const GOOGLE_USER_WORKLOAD: &str = "googleUserWorkload";
    /// Google Workspace: shared drive backup activity.
    pub const GOOGLE_SHARED_DRIVE_BACKUP_ACTIVITY: &str = "googleSharedDriveBackupActivity";
    /// Google Workspace: shared drive restore activity.
    pub const GOOGLE_SHARED_DRIVE_RESTORE_ACTIVITY: &str = "googleSharedDriveRestoreActivity";
    /// Salesforce: archival activity.
    pub const SFDC_ARCHIVAL_ACTIVITY: &str = "sfdcArchivalActivity";
    /// Salesforce: archival restore activity.
    pub const SFDC_ARCHIVAL_RESTORE_ACTIVITY: &str = "sfdcArchivalRestoreActivity";
    /// Salesforce: backup activity.
    pub const SFDC_BACKUP_ACTIVITY: &str = "sfdcBackupActivity";
    /// Salesforce: data restore activity.
    pub const SFDC_DATA_RESTORE_ACTIVITY: &str = "sfdcDataRestoreActivity";
    /// Salesforce: sandbox seeding activity.
    pub const SFDC_SANDBOX_SEEDING_ACTIVITY: &str = "sfdcSandboxSeedingActivity";

    /// Every report id above, in Druva's order.
    pub const ALL: &[&str] = &[
        DG_DATA_PROTECTION_RISK,
        DG_ROLLBACK_ACTIONS,
        DG_UNUSUAL_DATA_ACTIVITY_ALERTS,
        DG_DATA_ACCESS_EVENTS,
        DG_ADMIN_LOGIN_EVENTS,
        DG_QUARANTINE_RESOURCES,
        DG_MALICIOUS_SCAN_JOB,
        DG_CURATED_SNAPSHOTS,
        DG_EDISCOVERY_DOWNLOAD_JOBS_REPORT,
        DG_GLOBAL_CUSTODIAN_REPORT,
        DG_NON_COMPLIANT_FILE_REPORT,
        DG_ARCHIVED_NON_COMPLIANT_FILE_REPORT,
        DG_NON_COMPLIANT_EMAIL_REPORT,
        DG_ARCHIVED_NON_COMPLIANT_EMAIL_REPORT,
        DG_DEFENSIBLE_DELETE_FOR_FILES_REPORT,
        DG_DEFENSIBLE_DELETE_FOR_EMAILS_REPORT,
        EP_ALERT,
        EP_DELETED_DEVICE,
        EP_INACTIVE_DEVICES,
        EP_LAST_BACKUP_STATUS,
        EP_LICENSE_USAGE,
        EP_PRESERVED_USERS_DATASOURCES,
        EP_RESTORE_ACTIVITY,
        EP_SHARED_DEVICES,
        EP_UPGRADE_ACTIVITY,
        EP_USER_PROVISIONING,
        EP_USER_ROLLOUT,
        EP_USERS,
        EP_STORAGE_CONSUMPTION,
        EW_ADMIN_AUDIT_TRAILS,
        EW_ALERT_HISTORY,
        EW_BACKUP_ACTIVITY,
        EW_DISASTER_RECOVERY_FAILBACK_ACTIVITY,
        EW_DISASTER_RECOVERY_FAILOVER_ACTIVITY,
        EW_DISASTER_RECOVERY_REPLICATION_ACTIVITY,
        EW_RESOURCE_STATUS,
        EW_RESTORE_ACTIVITY,
        EW_STORAGE_CONSUMPTION_BY_BACKUP_SETS,
        M365_SHAREPOINT_SITE_DISCOVERY,
        M365_TEAMS_DISCOVERY,
        M365_GROUPS_DISCOVERY,
        M365_ALERTS,
        M365_LICENSE_USAGE,
        M365_PRESERVED_USERS_DATASOURCES,
        M365_STORAGE_CONSUMPTION,
        M365_USER_COUNT_AND_STATUS,
        M365_USER_LAST_BACKUP_STATUS,
        M365_USER_PROVISIONING,
        M365_USER_RESTORE_ACTIVITY,
        M365_USER_WORKLOAD,
        M365_SHAREPOINT_BACKUP_ACTIVITY,
        M365_SHAREPOINT_RESTORE_ACTIVITY,
        M365_TEAMS_BACKUP_ACTIVITY,
        M365_TEAMS_RESTORE_ACTIVITY,
        M365_GROUPS_BACKUP_ACTIVITY,
        M365_GROUPS_RESTORE_ACTIVITY,
        M365_PUBLIC_FOLDER_BACKUP_ACTIVITY,
        M365_PUBLIC_FOLDER_RESTORE_ACTIVITY,
        GOOGLE_ALERTS,
        GOOGLE_LICENSE_USAGE,
        GOOGLE_PRESERVED_USERS_DATASOURCES,
        GOOGLE_STORAGE_CONSUMPTION,
        GOOGLE_USER_COUNT_AND_STATUS,
        GOOGLE_USER_LAST_BACKUP_STATUS,
        GOOGLE_USER_PROVISIONING,
        GOOGLE_USER_RESTORE_ACTIVITY,
        GOOGLE_USER_WORKLOAD,
        GOOGLE_SHARED_DRIVE_BACKUP_ACTIVITY,
        GOOGLE_SHARED_DRIVE_RESTORE_ACTIVITY,
        SFDC_ARCHIVAL_ACTIVITY,
        SFDC_ARCHIVAL_RESTORE_ACTIVITY,
        SFDC_BACKUP_ACTIVITY,
        SFDC_DATA_RESTORE_ACTIVITY,
        SFDC_SANDBOX_SEEDING_ACTIVITY,
    ];

    /// Whether `id` is one of the 74 ids above (exact, case-sensitive match). An unknown id can
    /// still be requested: the API decides.
    pub fn is_known(id: &str) -> bool {
        ALL.contains(&id)
    }
}

/// A report filter value from text (dates as RFC 3339 UTC: `2026-01-01T00:00:00Z`).
impl From<&str> for crate::types::ReportFilterValue {
    fn from(value: &str) -> Self {
        Self::Text(value.to_string())
    }
}

/// A report filter value from text (dates as RFC 3339 UTC: `2026-01-01T00:00:00Z`).
impl From<String> for crate::types::ReportFilterValue {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

#[cfg(test)]
mod tests {
    use super::report_id;
    use std::collections::HashSet;

    #[test]
    fn seventy_four_distinct_ids_grouped_by_product_prefix() {
        assert_eq!(report_id::ALL.len(), 74);
        let distinct: HashSet<_> = report_id::ALL.iter().collect();
        assert_eq!(distinct.len(), 74);
        let prefixes = ["dg", "ep", "ew", "m365", "google", "sfdc"];
        let count = |p: &str| report_id::ALL.iter().filter(|id| id.starts_with(p)).count();
        assert_eq!(
            prefixes.map(count),
            [16, 13, 9, 20, 11, 5],
            "per product, as the research lists them"
        );
        assert!(report_id::is_known(report_id::EP_LAST_BACKUP_STATUS));
        assert!(!report_id::is_known("eplastbackupstatus"));
    }

    #[test]
    fn filter_values_serialize_as_druva_expects() {
        use crate::types::{ReportFilter, ReportFilterOperator, ReportFilterValue};
        let cases = [
            (
                ReportFilterValue::from("2026-01-01T00:00:00Z"),
                r#""2026-01-01T00:00:00Z""#,
            ),
            (ReportFilterValue::from(7i64), "7"),
            (ReportFilterValue::from(vec!["a".to_string()]), r#"["a"]"#),
            (ReportFilterValue::from(vec![1i64, 2]), "[1,2]"),
        ];
        for (value, json) in cases {
            assert_eq!(serde_json::to_string(&value).expect("serializes"), json);
            let back: ReportFilterValue = serde_json::from_str(json).expect("decodes");
            assert_eq!(back, value);
        }
        let filter = ReportFilter::try_from(
            ReportFilter::builder()
                .field_name("lastUpdatedTime")
                .operator(ReportFilterOperator::Gte)
                .value("2026-01-01T00:00:00Z"),
        )
        .expect("complete");
        assert_eq!(
            serde_json::to_value(&filter).expect("serializes"),
            serde_json::json!({"fieldName": "lastUpdatedTime", "operator": "GTE", "value": "2026-01-01T00:00:00Z"})
        );
    }
}
