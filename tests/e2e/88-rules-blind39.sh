# 88-rules-blind39.sh - what the thirty-ninth blind set found (issue 12),
# written here without its files.
# Misses: a Rack map "/health" do ... end in config.ru is a health route; a one-line
# SECURITY.md giving the address to report vulnerabilities to, or "for security disclosures please
# contact ...", is a security policy (not "open an issue and send a pull request"); a test key in the
# helpers the tests share (test_utils/constants.py) is no committed secret.
# False passes: an installer's help page showing `mysql -u root -p <?php print $db; ?> &lt;
# db/SCHEMA.sql` is no restore (a PHP tag after mysql is no redirection); nor a commented map
# or one of "/assets"; the same key outside test_utils/ still fails.
# fixtures/blind39 holds each kind (asserted by path and line), fixtures/blind39-near
# the near misses.  Helpers are prefixed b88_.

fxset_scan_sets b88 blind39

begin "blind39-near: every near miss leaves its rule failing (the key outside test_utils/ fails the secrets rule)"
fxset_near_passing b88 blind39 "['deploy.no-pending-migrations']"
fxset_rule_is b88 near deploy.secrets-not-committed "fail backend/src/ledger/keys/constants.py:1"
end

begin "health: config.ru map \"/health\" do; not a commented one, nor map \"/assets\""
fxset_rule_is b88 kinds monitoring.health-endpoint "pass config.ru:8"
fxset_near_fails b88 blind39 monitoring.health-endpoint
end

begin "secrets: a test key in test_utils/ is not committed"
fxset_rule_is b88 kinds deploy.secrets-not-committed "pass"
end

begin "restore: an installer's page importing the schema through a PHP tag is none"
fxset_near_fails b88 blind39 backup.restore-procedure
end

begin "security policy: a one-line SECURITY.md giving the address to report vulnerabilities to, \"for security disclosures please contact\"; not a lone heading, nor issues and pull requests"
fxset_rule_is b88 kinds audit.security-policy "pass SECURITY.md:1 docs/security.md:1"
fxset_near_fails b88 blind39 audit.security-policy
end
