/**
 * The bridge page's words in the product's six languages. The page says little: where the CXone
 * connection stands and what the agent can do about it.
 */

type Key =
  | 'connect'
  | 'signed-out'
  | 'connecting'
  | 'joined'
  | 'relayed'
  | 'no-session'
  | 'reconnect-needed'
  | 'unreachable'
  | 'stopped'
  | 'config'
  | 'disconnect'
  | 'ignored'
  | 'wrong-parent'
  | 'storage-blocked';

const WORDS: Record<string, Record<Key, string>> = {
  en: {
    connect: 'Connect CXone',
    'signed-out': 'Not connected to CXone. Connect to let Salesforce set your CXone state.',
    connecting: 'Connecting to CXone…',
    joined: 'Connected to CXone as agent {agent}.',
    relayed: 'Connected to CXone through another console tab (agent {agent}).',
    'no-session': 'Signed in, but you have no CXone session: log in to CXone Agent first.',
    'reconnect-needed': 'The CXone sign-in has expired. Connect again.',
    unreachable: 'CXone cannot be reached right now; retrying.',
    stopped: 'Disconnected from CXone.',
    config: 'This CXone bridge is set up wrongly:',
    disconnect: 'Disconnect',
    ignored:
      'Ignored in this page’s address (the bridge’s settings come from its config.json): {list}',
    'wrong-parent':
      'This CXone bridge does not serve {origin}: that page is not in its widgetOrigins, so nothing connects here.',
    'storage-blocked':
      'This browser gives the bridge no storage here: you stay connected until this page reloads, then connect again. An admin can allow storage for the bridge’s site in the browser’s settings or policy.',
  },
  fr: {
    connect: 'Connecter CXone',
    'signed-out':
      'Non connecté à CXone. Connectez-vous pour que Salesforce règle votre état CXone.',
    connecting: 'Connexion à CXone…',
    joined: 'Connecté à CXone en tant qu’agent {agent}.',
    relayed: 'Connecté à CXone par un autre onglet de la console (agent {agent}).',
    'no-session': 'Connecté, mais sans session CXone : ouvrez d’abord CXone Agent.',
    'reconnect-needed': 'La connexion CXone a expiré. Reconnectez-vous.',
    unreachable: 'CXone est injoignable pour le moment ; nouvel essai en cours.',
    stopped: 'Déconnecté de CXone.',
    config: 'Ce pont CXone est mal configuré :',
    disconnect: 'Déconnecter',
    ignored:
      'Ignoré dans l’adresse de cette page (les réglages du pont viennent de son config.json) : {list}',
    'wrong-parent':
      'Ce pont CXone ne sert pas {origin} : cette page n’est pas dans ses widgetOrigins, rien ne se connecte ici.',
    'storage-blocked':
      'Ce navigateur ne donne ici aucun stockage au pont : vous restez connecté jusqu’au rechargement de la page, puis il faudra vous reconnecter. Un administrateur peut autoriser le stockage pour le site du pont dans les réglages ou les stratégies du navigateur.',
  },
  es: {
    connect: 'Conectar CXone',
    'signed-out': 'Sin conexión con CXone. Conéctese para que Salesforce fije su estado en CXone.',
    connecting: 'Conectando con CXone…',
    joined: 'Conectado a CXone como agente {agent}.',
    relayed: 'Conectado a CXone a través de otra pestaña de la consola (agente {agent}).',
    'no-session': 'Sesión iniciada, pero sin sesión de CXone: entre antes en CXone Agent.',
    'reconnect-needed': 'El inicio de sesión en CXone caducó. Vuelva a conectar.',
    unreachable: 'No se puede contactar con CXone; reintentando.',
    stopped: 'Desconectado de CXone.',
    config: 'Este puente de CXone está mal configurado:',
    disconnect: 'Desconectar',
    ignored:
      'Se ignora en la dirección de esta página (la configuración del puente viene de su config.json): {list}',
    'wrong-parent':
      'Este puente de CXone no sirve a {origin}: esa página no está en sus widgetOrigins, así que aquí no se conecta nada.',
    'storage-blocked':
      'Este navegador no da almacenamiento al puente aquí: seguirá conectado hasta que se recargue la página; después tendrá que volver a conectar. Un administrador puede permitir el almacenamiento para el sitio del puente en la configuración o las directivas del navegador.',
  },
  ja: {
    connect: 'CXone に接続',
    'signed-out':
      'CXone に接続していません。接続すると Salesforce から CXone の状態を設定できます。',
    connecting: 'CXone に接続しています…',
    joined: 'エージェント {agent} として CXone に接続しました。',
    relayed: '別のコンソールタブ経由で CXone に接続しています (エージェント {agent})。',
    'no-session':
      'サインイン済みですが CXone セッションがありません。先に CXone Agent にログインしてください。',
    'reconnect-needed': 'CXone のサインインが期限切れです。もう一度接続してください。',
    unreachable: '現在 CXone に接続できません。再試行しています。',
    stopped: 'CXone から切断しました。',
    config: 'この CXone ブリッジの設定に誤りがあります:',
    disconnect: '切断',
    ignored:
      'このページのアドレスにある次の項目は無視されます (ブリッジの設定は config.json から読み込みます): {list}',
    'wrong-parent':
      'この CXone ブリッジは {origin} には対応していません。そのページは widgetOrigins にないため、ここでは何も接続しません。',
    'storage-blocked':
      'このブラウザーはここでブリッジにストレージを与えていません。このページを再読み込みするまでは接続されたままですが、その後はもう一度接続してください。管理者はブラウザーの設定またはポリシーでブリッジのサイトのストレージを許可できます。',
  },
  ko: {
    connect: 'CXone 연결',
    'signed-out': 'CXone에 연결되지 않았습니다. 연결하면 Salesforce가 CXone 상태를 설정합니다.',
    connecting: 'CXone에 연결하는 중…',
    joined: '상담원 {agent}(으)로 CXone에 연결되었습니다.',
    relayed: '다른 콘솔 탭을 통해 CXone에 연결되어 있습니다(상담원 {agent}).',
    'no-session': '로그인했지만 CXone 세션이 없습니다. 먼저 CXone Agent에 로그인하세요.',
    'reconnect-needed': 'CXone 로그인이 만료되었습니다. 다시 연결하세요.',
    unreachable: '지금은 CXone에 연결할 수 없습니다. 다시 시도하는 중입니다.',
    stopped: 'CXone 연결이 끊겼습니다.',
    config: '이 CXone 브리지의 설정이 잘못되었습니다:',
    disconnect: '연결 해제',
    ignored:
      '이 페이지 주소의 다음 항목은 무시됩니다(브리지 설정은 config.json에서 읽습니다): {list}',
    'wrong-parent':
      '이 CXone 브리지는 {origin}을(를) 지원하지 않습니다. 그 페이지가 widgetOrigins에 없으므로 여기서는 아무것도 연결하지 않습니다.',
    'storage-blocked':
      '이 브라우저는 여기서 브리지에 저장소를 제공하지 않습니다. 페이지를 새로 고칠 때까지는 연결이 유지되며, 그 후에는 다시 연결해야 합니다. 관리자는 브라우저 설정이나 정책에서 브리지 사이트의 저장소를 허용할 수 있습니다.',
  },
  uk: {
    connect: 'Підключити CXone',
    'signed-out':
      'Немає підключення до CXone. Підключіться, щоб Salesforce встановлював ваш стан у CXone.',
    connecting: 'Підключення до CXone…',
    joined: 'Підключено до CXone як агент {agent}.',
    relayed: 'Підключено до CXone через іншу вкладку консолі (агент {agent}).',
    'no-session': 'Ви увійшли, але сесії CXone немає: спершу увійдіть у CXone Agent.',
    'reconnect-needed': 'Вхід у CXone закінчився. Підключіться знову.',
    unreachable: 'CXone зараз недоступний; повторна спроба.',
    stopped: 'Відключено від CXone.',
    config: 'Цей міст CXone налаштовано неправильно:',
    disconnect: 'Відключити',
    ignored:
      'Ігнорується в адресі цієї сторінки (налаштування мосту беруться з його config.json): {list}',
    'wrong-parent':
      'Цей міст CXone не обслуговує {origin}: цієї сторінки немає в його widgetOrigins, тож тут нічого не підключається.',
    'storage-blocked':
      'Цей браузер не надає мосту сховища тут: підключення триває, доки сторінку не перезавантажено, потім підключіться знову. Адміністратор може дозволити сховище для сайту мосту в налаштуваннях або політиках браузера.',
  },
};

/**
 * The page's words for a language tag (`fr-CA` → fr), English when the language is not one of six;
 * `value` fills the sentence's one slot (`{agent}`, `{origin}` or `{list}`).
 */
export function wordsFor(language: string | undefined): (key: Key, value?: string) => string {
  const primary = (language ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  const table = WORDS[primary] ?? (WORDS.en as Record<Key, string>);
  return (key, value = '') => table[key].replace(/\{(?:agent|origin|list)\}/, () => value);
}

/** The language actually used for a tag (for the page's `lang`). */
export function languageOf(language: string | undefined): string {
  const primary = (language ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  return primary in WORDS ? primary : 'en';
}
