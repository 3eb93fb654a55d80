({
  // One action per console event: the event's name is written here rather than read back from
  // the platform, and each forwards through the unit-tested helper.
  onLoginSuccess: function (component, event, helper) {
    helper.forwardEvent(component, 'lightning:omniChannelLoginSuccess', event);
  },
  onStatusChanged: function (component, event, helper) {
    helper.forwardEvent(component, 'lightning:omniChannelStatusChanged', event);
  },
  onLogout: function (component, event, helper) {
    helper.forwardEvent(component, 'lightning:omniChannelLogout', event);
  },
  onConnectionError: function (component, event, helper) {
    helper.forwardEvent(component, 'lightning:omniChannelConnectionError', event);
  },
  onWorkAssigned: function (component, event, helper) {
    helper.forwardEvent(component, 'lightning:omniChannelWorkAssigned', event);
  },
  onWorkAccepted: function (component, event, helper) {
    helper.forwardEvent(component, 'lightning:omniChannelWorkAccepted', event);
  },
  onWorkDeclined: function (component, event, helper) {
    helper.forwardEvent(component, 'lightning:omniChannelWorkDeclined', event);
  },
  onWorkClosed: function (component, event, helper) {
    helper.forwardEvent(component, 'lightning:omniChannelWorkClosed', event);
  },
  onWorkFlagUpdated: function (component, event, helper) {
    helper.forwardEvent(component, 'lightning:omniChannelWorkFlagUpdated', event);
  },
  onWorkloadChanged: function (component, event, helper) {
    helper.forwardEvent(component, 'lightning:omniChannelWorkloadChanged', event);
  },
  onOmniCall: function (component, event, helper) {
    helper.runCall(component, event);
  },
});
