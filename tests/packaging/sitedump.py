"""Dump what a Plone site holds, as JSON, to compare a site before and after install.

Imported by wheelsite.py, which zconsole runs inside a Zope environment: standard
library and Zope/Plone only, so that it runs in the plain-Plone virtualenv the
wheel is installed into. Every entry is ``"<area>:<key>": <value as text>``, so
the difference between two dumps is a flat set of keys that a test can match
against the list of what the add-on owns.
"""

from zope.component.hooks import setSite

import json


def _text(value):
    try:
        return json.dumps(value, sort_keys=True, default=repr, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def content(site, out):
    def walk(obj, path):
        roles = dict(getattr(obj, "__ac_local_roles__", None) or {})
        out[f"content:{path}"] = _text(
            {
                "portal_type": getattr(obj, "portal_type", None),
                "title": getattr(obj, "title", None),
                "state": _state(site, obj),
                "layout": obj.getProperty("layout", None)
                if hasattr(obj, "getProperty")
                else None,
                "default_page": obj.getProperty("default_page", None)
                if hasattr(obj, "getProperty")
                else None,
                # A folder's date changes with anything added to it (the
                # add-on's folders among them); tools acquire the site's.
                "modified": str(obj.modified())
                if "modification_date" in obj.__dict__
                and not getattr(obj, "isPrincipiaFolderish", False)
                else None,
                "interfaces": sorted(
                    i.__identifier__
                    for i in __import__("zope.interface").interface.directlyProvidedBy(
                        obj
                    )
                ),
            }
        )
        out[f"localroles:{path}"] = _text(
            {
                "roles": {k: sorted(v) for k, v in roles.items()},
                "block": bool(getattr(obj, "__ac_local_roles_block__", False)),
            }
        )
        if getattr(obj, "isPrincipiaFolderish", False):
            for child in obj.objectValues():
                if getattr(child, "portal_type", None) is None:
                    continue
                if path == "/portal_setup":
                    continue  # import logs: one more with every profile run
                walk(child, f"{path}/{child.getId()}")

    walk(site, "")
    catalog = site.portal_catalog
    for brain in catalog.unrestrictedSearchResults():
        out[f"catalog:{brain.getPath()}"] = _text(
            {
                name: _plain(getattr(brain, name, None))
                for name in sorted(catalog.schema())
                if name not in ("modified", "ModificationDate", "getObjSize")
            }
        )
    out["catalog-indexes:"] = _text(sorted(catalog.indexes()))
    out["catalog-columns:"] = _text(sorted(catalog.schema()))


def _plain(value):
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def _state(site, obj):
    try:
        return site.portal_workflow.getInfoFor(obj, "review_state", None)
    except Exception:  # noqa: BLE001 - objects without workflow
        return None


def principals(site, out):
    acl = site.acl_users
    for user_id in sorted(acl.source_users.getUserIds()):
        user = acl.getUserById(user_id)
        out[f"user:{user_id}"] = _text(
            {
                "roles": sorted(user.getRoles()),
                "groups": sorted(user.getGroups()),
                "email": user.getProperty("email", None),
                "fullname": user.getProperty("fullname", None),
            }
        )
    for group_id in sorted(acl.source_groups.getGroupIds()):
        group = site.portal_groups.getGroupById(group_id)
        out[f"group:{group_id}"] = _text(
            {
                "title": group.getProperty("title", None),
                "roles": sorted(r for r in group.getRoles() if r != "Authenticated"),
                "members": sorted(group.getGroupMemberIds()),
            }
        )
    for plugin_id in sorted(acl.objectIds()):
        out[f"pas-plugin:{plugin_id}"] = acl[plugin_id].meta_type
    plugins = acl.plugins
    for iface in plugins._plugin_types:
        name = iface.__name__
        out[f"pas-active:{name}"] = _text(list(plugins.listPluginIds(iface)))


def security(site, out):
    out["roles:"] = _text(sorted(site.valid_roles()))
    for perm in site.ac_inherited_permissions(1):
        name = perm[0]
        roles = site.rolesOfPermission(name)
        granted = sorted(r["name"] for r in roles if r["selected"])
        acquire = site.acquiredRolesAreUsedBy(name) == "CHECKED"
        out[f"permission:{name}"] = _text({"roles": granted, "acquire": acquire})


def workflow(site, out):
    wf = site.portal_workflow
    out["workflow-default:"] = _text(list(wf.getDefaultChain()))
    for type_id in sorted(site.portal_types.objectIds()):
        chain = wf.getChainForPortalType(type_id)
        out[f"workflow-chain:{type_id}"] = _text(list(chain))
    out["workflows:"] = _text(sorted(wf.objectIds()))


def types(site, out):
    for type_id in sorted(site.portal_types.objectIds()):
        fti = site.portal_types[type_id]
        out[f"type:{type_id}"] = _text(
            {
                "behaviors": sorted(getattr(fti, "behaviors", ()) or ()),
                "view_methods": list(fti.getProperty("view_methods") or ()),
                "default_view": fti.getProperty("default_view"),
                "allowed": sorted(fti.getProperty("allowed_content_types") or ()),
                "global_allow": fti.getProperty("global_allow"),
                "filter": fti.getProperty("filter_content_types"),
                "klass": fti.getProperty("klass", None),
            }
        )


def registry(site, out):
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    records = getUtility(IRegistry).records
    for key in sorted(records.keys()):
        out[f"registry:{key}"] = _text(records[key].value)


def actions(site, out):
    def walk(node, path):
        for child in node.objectValues():
            child_path = f"{path}/{child.getId()}"
            if child.meta_type == "CMF Action Category":
                walk(child, child_path)
            else:
                out[f"action:{child_path}"] = _text(
                    {
                        "visible": child.getProperty("visible"),
                        "url": child.getProperty("url_expr"),
                        "permissions": list(child.getProperty("permissions")),
                    }
                )

    walk(site.portal_actions, "")
    for configlet in site.portal_controlpanel.listActions():
        out[f"configlet:{configlet.getId()}"] = _text(
            {"visible": configlet.visible, "permissions": list(configlet.permissions)}
        )


def site_settings(site, out):
    out["front-page:"] = _text(
        {
            "layout": site.getLayout(),
            "default_page": site.getProperty("default_page", None),
            "title": site.Title(),
        }
    )
    from plone.browserlayer.utils import registered_layers

    out["browser-layers:"] = _text(
        sorted(layer.__identifier__ for layer in registered_layers())
    )
    repository = site.portal_repository
    for type_id in sorted(repository.getVersionableContentTypes()):
        out[f"versioning:{type_id}"] = _text(
            sorted(repository.getPolicyMap().get(type_id, []))
        )
    setup = site.portal_setup
    for profile in sorted(setup._profile_upgrade_versions):
        out[f"profile:{profile}"] = _text(setup.getLastVersionForProfile(profile))
    storage = site.getSiteManager()
    out["local-utilities:"] = _text(
        sorted(
            f"{reg.provided.__identifier__}:{reg.name}"
            for reg in storage.registeredUtilities()
        )
    )


def dump(site) -> dict:
    setSite(site)
    out = {}
    for part in (content, principals, security, workflow, types, registry, actions):
        part(site, out)
    site_settings(site, out)
    return out
