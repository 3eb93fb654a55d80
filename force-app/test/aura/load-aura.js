// Evaluates the Aura utility's controller and helper files exactly as they ship (each is one object
// literal in parentheses), with a stand-in for the Aura framework's `$A`.
const fs = require('fs');
const path = require('path');

const BUNDLE = path.join(__dirname, '../../main/default/aura/presenceSyncUtility');

function evaluate(file, $A) {
  const source = fs.readFileSync(path.join(BUNDLE, file), 'utf8');
  return new Function('$A', `"use strict"; return ${source.trim().replace(/;$/, '')};`)($A);
}

/** The bundle's controller and helper; `$A.getCallback` runs callbacks as Aura would, synchronously wrapped. */
function loadAuraBundle($A = { getCallback: (callback) => callback }) {
  return {
    controller: evaluate('presenceSyncUtilityController.js', $A),
    helper: evaluate('presenceSyncUtilityHelper.js', $A),
    $A,
  };
}

module.exports = { loadAuraBundle, BUNDLE };
