// Every tool, in the order tools/list shows them. One file per tool.
import type { ToolDef } from '../tool.js';
import whoami from './whoami.js';
import has_privileges from './has_privileges.js';
import list_roles from './list_roles.js';
import get_role from './get_role.js';
import create_role from './create_role.js';
import delete_role from './delete_role.js';
import list_users from './list_users.js';
import get_user from './get_user.js';
import create_user from './create_user.js';
import update_user from './update_user.js';
import update_user_roles from './update_user_roles.js';
import set_user_enabled from './set_user_enabled.js';
import delete_user from './delete_user.js';
import list_role_mappings from './list_role_mappings.js';
import get_role_mapping from './get_role_mapping.js';
import create_role_mapping from './create_role_mapping.js';
import delete_role_mapping from './delete_role_mapping.js';
import plan_access_request from './plan_access_request.js';
import apply_plan from './apply_plan.js';

export const ALL_TOOLS: ToolDef[] = [
  whoami,
  has_privileges,
  list_roles,
  get_role,
  create_role,
  delete_role,
  list_users,
  get_user,
  create_user,
  update_user,
  update_user_roles,
  set_user_enabled,
  delete_user,
  list_role_mappings,
  get_role_mapping,
  create_role_mapping,
  delete_role_mapping,
  plan_access_request,
  apply_plan,
] as unknown as ToolDef[];
