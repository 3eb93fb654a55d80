// sfdx-lwc-jest ships no stub for lightning/platformUtilityBarApi (github.com/salesforce/sfdx-lwc-jest: no stub of its own).
// The functions resolve like the real ones (research §3.1); EnclosingUtilityId is a test wire adapter.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const EnclosingUtilityId = createTestWireAdapter(jest.fn());
export const updateUtility = jest.fn(() => Promise.resolve(true));
export const updatePanel = jest.fn(() => Promise.resolve(true));
export const open = jest.fn(() => Promise.resolve(true));
export const minimize = jest.fn(() => Promise.resolve(true));
export const getInfo = jest.fn(() => Promise.resolve({}));
export const getAllUtilityInfo = jest.fn(() => Promise.resolve([]));
export const onUtilityClick = jest.fn(() => Promise.resolve(true));
export const enablePopout = jest.fn(() => Promise.resolve(true));
export const enableModal = jest.fn(() => Promise.resolve(true));
