// Stands in for @aws-sdk/credential-provider-node (the SDK's default credential
// chain) in Lambda bundles (lib/bundling.ts). In Lambda the runtime puts the
// function role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN, and the default chain's first link, fromEnv, is what
// answers there; its other links (SSO, ini files, processes, web identity,
// container and instance metadata, with the nested SSO/STS/sign-in clients
// they load) are ~130 KB of every bundle that Lambda never reaches.
// The CLI runs from source and keeps the full chain.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init = {}) => {
  const provider = fromEnv(init);
  return async () => {
    try {
      return await provider();
    } catch (error) {
      throw new Error(
        'credentials: this bundle reads AWS credentials from the environment only (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, which the Lambda runtime sets); ' +
          'outside Lambda, run the code from source (the CLI) to use profiles, SSO or instance roles — lib/stubs/credential-provider-env-only.mjs',
        { cause: error },
      );
    }
  };
};

// The same predicates as the real package (used by callers that memoize credentials).
export const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
