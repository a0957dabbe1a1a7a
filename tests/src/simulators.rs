//! The three simulators together, as `cargo run --bin simulators` serves them to the `dp`
//! command line: a config file with one profile per simulator, and the variables that hold their
//! secrets (a profile names its secret's variable; it never holds the secret).

use std::path::Path;

use crate::sim::ddmc::{DdmcSim, DdmcSimConfig};
use crate::sim::druva::{DruvaSim, DruvaSimConfig};
use crate::sim::mgmt::{MgmtAuthMode, MgmtSim, MgmtSimConfig};

/// The three simulators, running on loopback.
#[derive(Debug)]
pub struct Simulators {
    /// The DDMC simulator.
    pub ddmc: DdmcSim,
    /// The management console simulator (Google mode).
    pub mgmt: MgmtSim,
    /// The Druva simulator.
    pub druva: DruvaSim,
    ddmc_config: DdmcSimConfig,
    mgmt_token: String,
    druva_config: DruvaSimConfig,
}

impl Simulators {
    /// Starts the three with their default estates.
    pub async fn start() -> std::io::Result<Self> {
        Self::start_with(
            DdmcSimConfig::default(),
            MgmtSimConfig::default(),
            DruvaSimConfig::default(),
        )
        .await
    }

    /// Starts the three with these configurations.
    pub async fn start_with(
        ddmc: DdmcSimConfig,
        mgmt: MgmtSimConfig,
        druva: DruvaSimConfig,
    ) -> std::io::Result<Self> {
        let mgmt_token = match &mgmt.auth {
            MgmtAuthMode::Google { token } => token.clone(),
            MgmtAuthMode::OnPrem { password, .. } => password.clone(),
        };
        Ok(Self {
            ddmc: DdmcSim::start(ddmc.clone()).await?,
            mgmt: MgmtSim::start(mgmt).await?,
            druva: DruvaSim::start(druva.clone()).await?,
            ddmc_config: ddmc,
            mgmt_token,
            druva_config: druva,
        })
    }

    /// The `dp` config file: profiles `sim-ddmc`, `sim-mgmt` and `sim-druva`, each naming the
    /// variable of its secret (see [`Simulators::secrets`]).
    pub fn config_toml(&self) -> String {
        format!(
            "[profiles.sim-ddmc]\nvendor = \"ddmc\"\nurl = \"{}\"\nuser = \"{}\"\npassword_env = \"DP_SIM_DDMC_SECRET\"\n\n\
             [profiles.sim-mgmt]\nvendor = \"mgmt\"\nurl = \"{}\"\nauth = \"google-token\"\npassword_env = \"DP_SIM_MGMT_SECRET\"\n\n\
             [profiles.sim-druva]\nvendor = \"druva\"\nurl = \"{}\"\nuser = \"{}\"\npassword_env = \"DP_SIM_DRUVA_SECRET\"\n",
            self.ddmc.url(),
            self.ddmc_config.username,
            self.mgmt.url(),
            self.druva.url(),
            self.druva_config.client_id,
        )
    }

    /// The variables holding the simulators' secrets.
    pub fn secrets(&self) -> Vec<(&'static str, String)> {
        vec![
            ("DP_SIM_DDMC_SECRET", self.ddmc_config.password.clone()),
            ("DP_SIM_MGMT_SECRET", self.mgmt_token.clone()),
            ("DP_SIM_DRUVA_SECRET", self.druva_config.secret_key.clone()),
        ]
    }

    /// Writes the config to `path` and returns every variable that points `dp` at the
    /// simulators: `DP_CONFIG` and the secrets.
    pub fn write_env(&self, path: &Path) -> std::io::Result<Vec<(&'static str, String)>> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, self.config_toml())?;
        let mut env = vec![("DP_CONFIG", path.display().to_string())];
        env.extend(self.secrets());
        Ok(env)
    }
}
