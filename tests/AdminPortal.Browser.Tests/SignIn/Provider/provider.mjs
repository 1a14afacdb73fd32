// A real OpenID Connect provider (oidc-provider, a certified implementation) for the portal's sign-in tests.
// Started by OidcProvider.cs on 127.0.0.1; settings come as JSON in the environment variable OIDC_TEST_PROVIDER:
// { "port": 41234, "clientId": "...", "clientSecret": "...", "redirectUri": "...", "postLogoutRedirectUri": "..." }.
// Its development interactions give a real login form (any password); the login names the account below.
import Provider from 'oidc-provider';

const settings = JSON.parse(process.env.OIDC_TEST_PROVIDER);
const issuer = `http://127.0.0.1:${settings.port}`;

// Each role in tenant "acme" (and a second admin), an admin of tenant "globex", and a person the portal maps to no role.
const accounts = {
  ada: { name: 'Ada Admin', email: 'ada@acme.example', roles: ['portal-admins'], tenant: 'acme', tenant_name: 'Acme Corp' },
  uma: { name: 'Uma User', email: 'uma@acme.example', roles: ['portal-users'], tenant: 'acme', tenant_name: 'Acme Corp' },
  sam: { name: 'Sam Reader', email: 'sam@acme.example', roles: ['security-readers', 'staff'], tenant: 'acme', tenant_name: 'Acme Corp' },
  ali: { name: 'Ali Admin', email: 'ali@acme.example', roles: ['portal-admins'], tenant: 'acme', tenant_name: 'Acme Corp' },
  gus: { name: 'Gus Globex', email: 'gus@globex.example', roles: ['portal-admins'], tenant: 'globex', tenant_name: 'Globex' },
  rob: { name: 'Rob Rolechange', email: 'rob@acme.example', roles: ['portal-admins'], tenant: 'acme', tenant_name: 'Acme Corp' },
  nora: { name: 'Nora Nobody', email: 'nora@acme.example', roles: ['staff'], tenant: 'acme', tenant_name: 'Acme Corp' },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: settings.clientId,
    client_secret: settings.clientSecret,
    redirect_uris: [settings.redirectUri],
    post_logout_redirect_uris: [settings.postLogoutRedirectUri],
    response_types: ['code'],
    // Refresh tokens let the portal re-check role and tenant every Authentication:Oidc:RefreshInterval.
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    profile: ['name'],
    email: ['email'],
    roles: ['roles'],
    tenant: ['tenant', 'tenant_name'],
  },
  // Scope claims go into the id_token (as Keycloak and Entra ID do), not only into userinfo.
  conformIdTokenClaims: false,
  async findAccount(ctx, sub) {
    const account = accounts[sub];
    return account && { accountId: sub, claims: async () => ({ sub, ...account }) };
  },
  // A first-party client: the organisation's provider does not ask its people for consent.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid offline_access profile email roles tenant');
    await grant.save();
    return grant;
  },
  // A refresh token for every sign-in of a client allowed the grant (as Keycloak does), not only after a consent prompt.
  async issueRefreshToken(ctx, client) {
    return client.grantTypeAllowed('refresh_token');
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Session: 3600, Grant: 3600, Interaction: 600 },
});

// The tests' hand on the accounts, as an administrator at the provider would change them:
// GET /test/roles?login=rob&roles=portal-users gives new roles; GET /test/remove?login=rob removes the account.
provider.use(async (ctx, next) => {
  if (ctx.path === '/test/roles' && accounts[ctx.query.login]) {
    accounts[ctx.query.login].roles = String(ctx.query.roles).split(',');
    ctx.body = 'ok';
  } else if (ctx.path === '/test/remove') {
    delete accounts[ctx.query.login];
    ctx.body = 'ok';
  } else {
    await next();
  }
});

provider.listen(settings.port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
