import type { CatalogSnapshot } from '../../src/setup/catalog.js';

/** A simulated org and CXone team: the statuses the seeds' example rule names, and two profiles. */
export const ORG: CatalogSnapshot = {
  statuses: [
    {
      id: '0N5000000000001',
      apiName: 'Available_for_Chats',
      label: 'Available for Chats',
      online: true,
    },
    { id: '0N5000000000002', apiName: 'Busy_On_Call', label: 'On Call', online: false },
    { id: '0N5000000000003', apiName: 'Away', label: 'Away', online: false },
    { id: '0N5000000000004', apiName: 'Chat_Done', label: 'Chat done', online: false },
    { id: '0N5000000000005', apiName: 'In_Training', label: 'In Training', online: false },
    { id: '0N5000000000006', apiName: 'Busy', label: 'Busy', online: false },
  ],
  groups: [
    {
      profile: 'Chat Agent',
      permissionSets: ['Presence_Sync_User'],
      agents: 12,
      statuses: ['Available_for_Chats', 'Busy_On_Call', 'Away', 'Chat_Done', 'In_Training', 'Busy'],
    },
  ],
  codes: {
    source: 'cxone',
    codes: [
      { name: 'Lunch', isAcw: false, isActive: true },
      { name: 'Chat', isAcw: false, isActive: true },
      { name: 'Training', isAcw: false, isActive: true },
      { name: 'Wrap', isAcw: true, isActive: true },
    ],
  },
};
