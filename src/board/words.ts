/**
 * The board's words in the product's six languages (en, fr, es, ja, ko, uk). Placeholders are
 * `{name}`, filled with text, never markup (the board sets `textContent`).
 */

type Key =
  | 'title'
  | 'counts'
  | 'lastRefresh'
  | 'never'
  | 'refresh'
  | 'filters'
  | 'problemsOnly'
  | 'silentOnly'
  | 'outOfSyncLonger'
  | 'requestResync'
  | 'requestResyncFor'
  | 'selectAll'
  | 'select'
  | 'resyncRequested'
  | 'resyncPending'
  | 'resynced'
  | 'listFailed'
  | 'resyncFailed'
  | 'rowsRefused'
  | 'none'
  | 'shown'
  | 'minutes'
  | 'hoursMinutes'
  | 'lessThanMinute'
  | 'col.name'
  | 'col.acd'
  | 'col.phase'
  | 'col.problem'
  | 'col.since'
  | 'col.decision'
  | 'col.heartbeat'
  | 'phase.waiting'
  | 'phase.starting'
  | 'phase.in-sync'
  | 'phase.syncing'
  | 'phase.deferred'
  | 'phase.shadow'
  | 'phase.paused'
  | 'phase.follower'
  | 'phase.error'
  | 'phase.silent';

const WORDS: Record<string, Record<Key, string>> = {
  en: {
    title: 'Sync health',
    counts: 'Agents by phase',
    lastRefresh: 'Last refresh {time}',
    never: 'not yet refreshed',
    refresh: 'Refresh',
    filters: 'Show',
    problemsOnly: 'Problems only',
    silentOnly: 'Silent only',
    outOfSyncLonger: 'Out of sync longer than (minutes)',
    requestResync: 'Request resync',
    requestResyncFor: 'Request resync for {name}',
    selectAll: 'Select all shown agents',
    select: 'Select {name}',
    resyncRequested: 'Agents asked to resync: {count}. Each resyncs at its next report.',
    resyncPending: 'resync requested',
    resynced: 'resynced {age} ago',
    listFailed: 'The fleet could not be read: {error}',
    resyncFailed: 'The resync request failed: {error}',
    rowsRefused: '{count} rows could not be read, e.g. {first}',
    none: 'No agent matches.',
    shown: '{shown} of {total} agents shown',
    minutes: '{minutes} min',
    hoursMinutes: '{hours} h {minutes} min',
    lessThanMinute: 'under 1 min',
    'col.name': 'Agent',
    'col.acd': 'Contact center',
    'col.phase': 'Phase',
    'col.problem': 'Problem',
    'col.since': 'Out of sync for',
    'col.decision': 'Last decision',
    'col.heartbeat': 'Last heard',
    'phase.waiting': 'Waiting for Omni-Channel',
    'phase.starting': 'Starting',
    'phase.in-sync': 'In sync',
    'phase.syncing': 'Syncing',
    'phase.deferred': 'Deferred until the call ends',
    'phase.shadow': 'Shadow mode',
    'phase.paused': 'Paused',
    'phase.follower': 'Another tab syncs',
    'phase.error': 'Needs attention',
    'phase.silent': 'Silent',
  },
  fr: {
    title: 'État de la synchronisation',
    counts: 'Agents par phase',
    lastRefresh: 'Dernière actualisation {time}',
    never: 'pas encore actualisé',
    refresh: 'Actualiser',
    filters: 'Afficher',
    problemsOnly: 'Problèmes seulement',
    silentOnly: 'Silencieux seulement',
    outOfSyncLonger: 'Désynchronisé depuis plus de (minutes)',
    requestResync: 'Demander une resynchronisation',
    requestResyncFor: 'Demander une resynchronisation pour {name}',
    selectAll: 'Sélectionner tous les agents affichés',
    select: 'Sélectionner {name}',
    resyncRequested:
      'Resynchronisation demandée pour {count} agents ; chacun se resynchronise à son prochain rapport.',
    resyncPending: 'resynchronisation demandée',
    resynced: 'resynchronisé il y a {age}',
    listFailed: 'Impossible de lire la flotte : {error}',
    resyncFailed: 'La demande de resynchronisation a échoué : {error}',
    rowsRefused: '{count} lignes illisibles, par exemple {first}',
    none: 'Aucun agent ne correspond.',
    shown: '{shown} agents affichés sur {total}',
    minutes: '{minutes} min',
    hoursMinutes: '{hours} h {minutes} min',
    lessThanMinute: 'moins d’une minute',
    'col.name': 'Agent',
    'col.acd': 'Centre de contact',
    'col.phase': 'Phase',
    'col.problem': 'Problème',
    'col.since': 'Désynchronisé depuis',
    'col.decision': 'Dernière décision',
    'col.heartbeat': 'Dernier signal',
    'phase.waiting': 'En attente d’Omni-Channel',
    'phase.starting': 'Démarrage',
    'phase.in-sync': 'Synchronisé',
    'phase.syncing': 'Synchronisation',
    'phase.deferred': 'Différé jusqu’à la fin de l’appel',
    'phase.shadow': 'Mode fantôme',
    'phase.paused': 'En pause',
    'phase.follower': 'Un autre onglet synchronise',
    'phase.error': 'Intervention requise',
    'phase.silent': 'Silencieux',
  },
  es: {
    title: 'Estado de la sincronización',
    counts: 'Agentes por fase',
    lastRefresh: 'Última actualización {time}',
    never: 'aún sin actualizar',
    refresh: 'Actualizar',
    filters: 'Mostrar',
    problemsOnly: 'Solo problemas',
    silentOnly: 'Solo silenciosos',
    outOfSyncLonger: 'Sin sincronizar más de (minutos)',
    requestResync: 'Solicitar resincronización',
    requestResyncFor: 'Solicitar resincronización para {name}',
    selectAll: 'Seleccionar todos los agentes mostrados',
    select: 'Seleccionar a {name}',
    resyncRequested:
      'Resincronización solicitada para {count} agentes; cada uno se resincroniza en su próximo informe.',
    resyncPending: 'resincronización solicitada',
    resynced: 'resincronizado hace {age}',
    listFailed: 'No se pudo leer el equipo: {error}',
    resyncFailed: 'La solicitud de resincronización falló: {error}',
    rowsRefused: '{count} filas ilegibles, p. ej. {first}',
    none: 'Ningún agente coincide.',
    shown: '{shown} de {total} agentes mostrados',
    minutes: '{minutes} min',
    hoursMinutes: '{hours} h {minutes} min',
    lessThanMinute: 'menos de 1 min',
    'col.name': 'Agente',
    'col.acd': 'Centro de contacto',
    'col.phase': 'Fase',
    'col.problem': 'Problema',
    'col.since': 'Sin sincronizar desde hace',
    'col.decision': 'Última decisión',
    'col.heartbeat': 'Última señal',
    'phase.waiting': 'Esperando a Omni-Channel',
    'phase.starting': 'Iniciando',
    'phase.in-sync': 'Sincronizado',
    'phase.syncing': 'Sincronizando',
    'phase.deferred': 'Aplazado hasta que termine la llamada',
    'phase.shadow': 'Modo sombra',
    'phase.paused': 'En pausa',
    'phase.follower': 'Otra pestaña sincroniza',
    'phase.error': 'Requiere atención',
    'phase.silent': 'Silencioso',
  },
  ja: {
    title: '同期の状態',
    counts: 'フェーズ別のエージェント数',
    lastRefresh: '最終更新 {time}',
    never: 'まだ更新されていません',
    refresh: '更新',
    filters: '表示',
    problemsOnly: '問題のみ',
    silentOnly: '応答なしのみ',
    outOfSyncLonger: '非同期の時間がこれより長い (分)',
    requestResync: '再同期を依頼',
    requestResyncFor: '{name} の再同期を依頼',
    selectAll: '表示中のエージェントをすべて選択',
    select: '{name} を選択',
    resyncRequested: '{count} 人のエージェントに再同期を依頼しました。次回の報告時に再同期します。',
    resyncPending: '再同期を依頼済み',
    resynced: '{age}前に再同期',
    listFailed: 'エージェント一覧を読み取れませんでした: {error}',
    resyncFailed: '再同期の依頼に失敗しました: {error}',
    rowsRefused: '{count} 行を読み取れませんでした (例: {first})',
    none: '該当するエージェントはいません。',
    shown: '{total} 人中 {shown} 人を表示',
    minutes: '{minutes} 分',
    hoursMinutes: '{hours} 時間 {minutes} 分',
    lessThanMinute: '1 分未満',
    'col.name': 'エージェント',
    'col.acd': 'コンタクトセンター',
    'col.phase': 'フェーズ',
    'col.problem': '問題',
    'col.since': '非同期の時間',
    'col.decision': '最後の判断',
    'col.heartbeat': '最終応答',
    'phase.waiting': 'Omni-Channel を待機中',
    'phase.starting': '開始中',
    'phase.in-sync': '同期済み',
    'phase.syncing': '同期中',
    'phase.deferred': '通話終了まで保留',
    'phase.shadow': 'シャドーモード',
    'phase.paused': '一時停止中',
    'phase.follower': '別のタブが同期中',
    'phase.error': '対応が必要',
    'phase.silent': '応答なし',
  },
  ko: {
    title: '동기화 상태',
    counts: '단계별 상담원 수',
    lastRefresh: '마지막 새로 고침 {time}',
    never: '아직 새로 고침하지 않음',
    refresh: '새로 고침',
    filters: '표시',
    problemsOnly: '문제만',
    silentOnly: '응답 없음만',
    outOfSyncLonger: '동기화되지 않은 시간이 다음보다 김 (분)',
    requestResync: '재동기화 요청',
    requestResyncFor: '{name} 재동기화 요청',
    selectAll: '표시된 상담원 모두 선택',
    select: '{name} 선택',
    resyncRequested: '상담원 {count}명에게 재동기화를 요청했습니다. 다음 보고 때 재동기화합니다.',
    resyncPending: '재동기화 요청됨',
    resynced: '{age} 전에 재동기화함',
    listFailed: '상담원 목록을 읽을 수 없습니다: {error}',
    resyncFailed: '재동기화 요청이 실패했습니다: {error}',
    rowsRefused: '{count}개 행을 읽을 수 없습니다(예: {first})',
    none: '일치하는 상담원이 없습니다.',
    shown: '상담원 {total}명 중 {shown}명 표시',
    minutes: '{minutes}분',
    hoursMinutes: '{hours}시간 {minutes}분',
    lessThanMinute: '1분 미만',
    'col.name': '상담원',
    'col.acd': '컨택 센터',
    'col.phase': '단계',
    'col.problem': '문제',
    'col.since': '동기화되지 않은 시간',
    'col.decision': '마지막 결정',
    'col.heartbeat': '마지막 응답',
    'phase.waiting': 'Omni-Channel 대기 중',
    'phase.starting': '시작 중',
    'phase.in-sync': '동기화됨',
    'phase.syncing': '동기화 중',
    'phase.deferred': '통화가 끝날 때까지 보류',
    'phase.shadow': '섀도 모드',
    'phase.paused': '일시 중지됨',
    'phase.follower': '다른 탭이 동기화 중',
    'phase.error': '조치 필요',
    'phase.silent': '응답 없음',
  },
  uk: {
    title: 'Стан синхронізації',
    counts: 'Агенти за фазами',
    lastRefresh: 'Останнє оновлення {time}',
    never: 'ще не оновлено',
    refresh: 'Оновити',
    filters: 'Показати',
    problemsOnly: 'Лише проблеми',
    silentOnly: 'Лише мовчазні',
    outOfSyncLonger: 'Не синхронізовано довше ніж (хвилин)',
    requestResync: 'Запросити повторну синхронізацію',
    requestResyncFor: 'Запросити повторну синхронізацію для {name}',
    selectAll: 'Вибрати всіх показаних агентів',
    select: 'Вибрати {name}',
    resyncRequested:
      'Повторну синхронізацію запитано для {count} агентів; кожен синхронізується під час наступного звіту.',
    resyncPending: 'синхронізацію запитано',
    resynced: 'синхронізовано {age} тому',
    listFailed: 'Не вдалося прочитати список агентів: {error}',
    resyncFailed: 'Запит на повторну синхронізацію не вдався: {error}',
    rowsRefused: 'Не вдалося прочитати рядків: {count}, наприклад {first}',
    none: 'Жоден агент не відповідає.',
    shown: 'Показано {shown} з {total} агентів',
    minutes: '{minutes} хв',
    hoursMinutes: '{hours} год {minutes} хв',
    lessThanMinute: 'менше 1 хв',
    'col.name': 'Агент',
    'col.acd': 'Контакт-центр',
    'col.phase': 'Фаза',
    'col.problem': 'Проблема',
    'col.since': 'Не синхронізовано',
    'col.decision': 'Останнє рішення',
    'col.heartbeat': 'Останній сигнал',
    'phase.waiting': 'Очікування Omni-Channel',
    'phase.starting': 'Запуск',
    'phase.in-sync': 'Синхронізовано',
    'phase.syncing': 'Синхронізація',
    'phase.deferred': 'Відкладено до кінця дзвінка',
    'phase.shadow': 'Тіньовий режим',
    'phase.paused': 'Призупинено',
    'phase.follower': 'Синхронізує інша вкладка',
    'phase.error': 'Потрібне втручання',
    'phase.silent': 'Мовчить',
  },
};

/** A translator: a key and its placeholders' values in, text out. */
export type BoardWords = (key: Key, values?: Record<string, string | number>) => string;

/** The language to use for a tag (`fr-CA` → `fr`), English when unsupported. */
export function boardLanguage(...tags: Array<string | null | undefined>): string {
  for (const tag of tags) {
    const primary = typeof tag === 'string' ? tag.trim().toLowerCase().split(/[-_]/)[0] : '';
    if (primary && primary in WORDS) return primary;
  }
  return 'en';
}

/** The translator for a language. */
export function boardWords(language: string): BoardWords {
  const table = WORDS[language] ?? WORDS.en!;
  return (key, values = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
}

/** A phase in words; a phase this board does not know is shown as its name. */
export function phaseWords(words: BoardWords, phase: string): string {
  const key = `phase.${phase}`;
  return key in WORDS.en! ? words(key as Key) : phase;
}

/** The table's keys per language, for a test that every language has every key. */
export function boardTables(): Readonly<Record<string, Readonly<Record<string, string>>>> {
  return WORDS;
}
