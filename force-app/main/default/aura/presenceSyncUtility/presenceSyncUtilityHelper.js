({
  // The Aura side of the bridge, kept free of markup so it can be unit tested
  // (force-app/test/aura/presenceSyncUtilityHelper.test.js evaluates this file as it ships).

  /**
   * The toolkit methods the element may call (docs/contract.md §3); any other name is refused. Aura
   * cannot import the LWC's OMNI_METHODS (omniBridge.js): the helper test runs each of those here.
   */
  isForwarded: function (method) {
    return (
      [
        'getServicePresenceStatusId',
        'setServicePresenceStatus',
        'login',
        'logout',
        'getAgentWorkload',
        'getAgentWorks',
      ].indexOf(method) >= 0
    );
  },

  /** Methods that take `{statusId}`; the others take no argument. */
  takesStatus: function (method) {
    return method === 'setServicePresenceStatus' || method === 'login';
  },

  /** A plain copy of an Aura event's params: names and values unchanged, nothing else carried. */
  paramsOf: function (event) {
    var params = event && typeof event.getParams === 'function' ? event.getParams() : null;
    var copy = {};
    if (params && typeof params === 'object') {
      Object.keys(params).forEach(function (key) {
        if (key !== '__proto__') {
          copy[key] = params[key];
        }
      });
    }
    return copy;
  },

  /** Hands one console event to the LWC host, unchanged in name and shape. */
  forwardEvent: function (component, type, event) {
    var host = component.find('host');
    if (!host || typeof host.omniEvent !== 'function') {
      return false;
    }
    host.omniEvent(type, this.paramsOf(event));
    return true;
  },

  /** The toolkit's rejection value is undocumented (the toolkit reference documents no rejection shape): make it a message. */
  describeError: function (error) {
    var text;
    if (typeof error === 'string') {
      text = error;
    } else if (error && typeof error.message === 'string') {
      text = error.message;
    } else {
      try {
        text = JSON.stringify(error);
      } catch (ignored) {
        text = undefined;
      }
      text = text || String(error);
    }
    return text.slice(0, 500);
  },

  /** Runs one `omnicall` from the LWC on lightning:omniToolkitAPI and answers with omniResult. */
  runCall: function (component, event) {
    var helper = this;
    var callId = event.getParam('callId');
    var method = event.getParam('method');
    var args = event.getParam('args');
    var host = component.find('host');
    var reply;
    var toolkit;
    var pending;
    if (!host || typeof host.omniResult !== 'function' || typeof callId !== 'string') {
      return false;
    }
    reply = $A.getCallback(function (ok, value) {
      if (component.isValid()) {
        host.omniResult(callId, ok, value);
      }
    });
    if (!helper.isForwarded(method)) {
      reply(
        false,
        'Omni-Channel method "' + String(method) + '" is not forwarded by the Presence Sync utility'
      );
      return false;
    }
    toolkit = component.find('omniToolkit');
    try {
      pending = helper.takesStatus(method)
        ? toolkit[method]({ statusId: args && args.statusId })
        : toolkit[method]();
    } catch (error) {
      reply(false, helper.describeError(error));
      return true;
    }
    Promise.resolve(pending).then(
      function (value) {
        reply(true, value);
      },
      function (error) {
        reply(false, helper.describeError(error));
      }
    );
    return true;
  },
});
