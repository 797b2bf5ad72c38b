"""Finding and running the toponym executable for the Processing algorithms.

run() starts toponym, turns its progress line into feedback.setProgress(), passes its other
messages to the log of the Processing dialog, kills it when the user cancels, and raises
QgsProcessingException with toponym's own message when it exits non-zero.

toponym draws its progress line ("[done/total] label", or a percentage with --progress) only
when standard error is a terminal. When the binary has no --progress option, standard error is
given a pseudo-terminal (POSIX) so that the line is drawn all the same; elsewhere only the
steps are reported.
"""
import os
import queue
import re
import shutil
import subprocess
import threading
import time

from qgis.core import QgsProcessingException

SETTING_BIN = 'TOPONYM_BIN'
ENV_BIN = 'TOPONYM_BIN'

_ANSI = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]')
_COUNT = re.compile(r'^\[(\d+)/(\d+)\]')
_PERCENT = re.compile(r'(\d{1,3}(?:\.\d+)?)\s*%')


def _setting_path():
    """The path set in Settings > Options > Processing > Providers > toponym, if any."""
    try:
        from processing.core.ProcessingConfig import ProcessingConfig
        value = ProcessingConfig.getSetting(SETTING_BIN)
    except Exception:  # processing not initialised (e.g. a bare script)
        return ''
    return (value or '').strip()


def find_toponym():
    """The toponym executable: the provider's setting, else $TOPONYM_BIN, else PATH (and the
    Debian package's /usr/bin). Raises QgsProcessingException when none is found."""
    for candidate in (_setting_path(), os.environ.get(ENV_BIN, '').strip()):
        if candidate:
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
            raise QgsProcessingException(
                'toponym: the executable "{}" (set in the provider settings or TOPONYM_BIN) '
                'does not exist or is not executable'.format(candidate))
    found = shutil.which('toponym') or shutil.which('toponym', path='/usr/bin:/usr/local/bin')
    if found:
        return found
    raise QgsProcessingException(
        'toponym is not installed: put it on PATH, install the Debian package, or set its path in '
        'Settings > Options > Processing > Providers > toponym')


_help_cache = {}


def help_text(toponym, subcommand):
    """`toponym SUBCOMMAND --help` (cached), to find which options this binary has."""
    key = (toponym, tuple(subcommand))
    if key not in _help_cache:
        try:
            done = subprocess.run([toponym] + list(subcommand) + ['--help'], stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=30)
            _help_cache[key] = done.stdout.decode('utf-8', 'replace')
        except (OSError, subprocess.SubprocessError):
            _help_cache[key] = ''
    return _help_cache[key]


def has_option(toponym, subcommand, option):
    return re.search(r'(^|[\s,])' + re.escape(option) + r'\b', help_text(toponym, subcommand)) is not None


def _reader(stream_or_fd, tag, out_queue):
    """Reads a pipe (file object) or a pty master (fd) in chunks until it closes."""
    try:
        while True:
            if isinstance(stream_or_fd, int):
                try:
                    chunk = os.read(stream_or_fd, 4096)
                except OSError:  # EIO: the pty's other side is closed
                    chunk = b''
            else:
                chunk = stream_or_fd.read1(4096) if hasattr(stream_or_fd, 'read1') else stream_or_fd.read(4096)
            if not chunk:
                break
            out_queue.put((tag, chunk))
    finally:
        out_queue.put((tag, None))


class Result:
    def __init__(self, returncode, stdout, stderr):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


def run(args, feedback, progress_range=(0.0, 100.0), step=None, check=True, echo_stdout=True):
    """Runs toponym with ARGS (args[0] is the executable) and returns a Result whose stdout is
    the decoded standard output. Progress lines are mapped into PROGRESS_RANGE (percent of the
    whole algorithm); other standard-error lines go to feedback.pushInfo, and so does standard
    output (toponym's summary) with ECHO_STDOUT.
    A cancel kills the process; a non-zero exit raises QgsProcessingException with toponym's
    standard error."""
    lo, hi = progress_range
    if step and feedback:
        feedback.pushInfo(step)
    if feedback:
        feedback.pushCommandInfo(' '.join(_quote(a) for a in args))
        feedback.setProgress(lo)

    use_pty = False
    if os.name == 'posix' and '--progress' not in args:
        try:
            import pty
            master, slave = pty.openpty()
            use_pty = True
        except (ImportError, OSError):
            use_pty = False
    try:
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=slave if use_pty else subprocess.PIPE,
                                   close_fds=True)
    except OSError as e:
        if use_pty:
            os.close(master)
            os.close(slave)
        raise QgsProcessingException('toponym could not be started ({}): {}'.format(args[0], e))
    if use_pty:
        os.close(slave)

    chunks = queue.Queue()
    threads = [threading.Thread(target=_reader, args=(process.stdout, 'out', chunks), daemon=True),
               threading.Thread(target=_reader, args=(master if use_pty else process.stderr, 'err', chunks),
                                daemon=True)]
    for t in threads:
        t.start()

    stdout = bytearray()
    err_lines = []
    pending = ''
    open_streams = 2
    canceled = False
    decoder_err = _Decoder()

    shown = [lo]

    def advance(fraction):
        value = lo + (hi - lo) * fraction
        if feedback and value > shown[0]:  # never backwards
            shown[0] = value
            feedback.setProgress(value)

    def handle_err_text(text, final=False):
        nonlocal pending
        pending += text
        parts = re.split(r'[\r\n]', pending)
        pending = '' if final else parts.pop()
        for part in parts:
            line = _ANSI.sub('', part).strip()
            if not line:
                continue
            if line.startswith('writing '):
                advance(0.95)
            fraction = _progress_of(line)
            if fraction is not None:
                advance(0.9 * fraction)  # the rest is writing the output
                continue
            err_lines.append(line)
            if feedback:
                _log(feedback, line)

    while open_streams > 0 or process.poll() is None:
        if feedback and feedback.isCanceled() and not canceled:
            canceled = True
            _kill(process)
        try:
            tag, chunk = chunks.get(timeout=0.1)
        except queue.Empty:
            if process.poll() is not None and open_streams > 0 and use_pty:
                # the pty's reader can miss the close when a grandchild keeps it open
                time.sleep(0.05)
            continue
        if chunk is None:
            open_streams -= 1
            continue
        if tag == 'out':
            stdout.extend(chunk)
        else:
            handle_err_text(decoder_err.decode(chunk))
    handle_err_text(decoder_err.decode(b'', final=True), final=True)
    process.wait()
    if use_pty:
        try:
            os.close(master)
        except OSError:
            pass
    for t in threads:
        t.join(timeout=1)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()

    if canceled:
        raise QgsProcessingException('toponym was canceled')
    out_text = bytes(stdout).decode('utf-8', 'replace')
    if echo_stdout and feedback:
        for line in out_text.splitlines():
            if line.strip():
                feedback.pushInfo(line)
    if check and process.returncode != 0:
        message = '\n'.join(err_lines).strip() or out_text.strip() or 'no message'
        raise QgsProcessingException('toponym failed (exit code {}): {}'.format(process.returncode, message))
    if feedback:
        feedback.setProgress(hi)
    return Result(process.returncode, out_text, '\n'.join(err_lines))


def _log(feedback, line):
    """A line of toponym's standard error in the dialog's log, warnings and errors marked."""
    lower = line.lower()
    if 'warning' in lower and hasattr(feedback, 'pushWarning'):
        feedback.pushWarning(line)
    elif 'error' in lower or 'failed' in lower and '(0 failed)' not in lower:
        feedback.reportError(line, False)
    else:
        feedback.pushInfo(line)


class _Decoder:
    def __init__(self):
        import codecs
        self._d = codecs.getincrementaldecoder('utf-8')('replace')

    def decode(self, data, final=False):
        return self._d.decode(bytes(data), final)


def _progress_of(line):
    """0..1 from a progress line ("[12/340] file.txt", "45% ..."), None for other lines."""
    m = _COUNT.match(line)
    if m:
        total = int(m.group(2))
        return min(1.0, int(m.group(1)) / total) if total else 0.0
    lower = line.lower()
    m = _PERCENT.match(line)
    if not m and (lower.startswith(('progress', '[', 'toponym: progress')) or '/s' in lower or ' left' in lower
                  or 'eta' in lower.split()):
        m = _PERCENT.search(line)  # e.g. "[=====>    ] 45 % 120 docs/s, 0:12 left"
    if m:
        return min(1.0, float(m.group(1)) / 100.0)
    return None


def _kill(process):
    try:
        process.terminate()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
    except OSError:
        pass


def _quote(arg):
    return arg if re.match(r'^[\w@%+=:,./-]+$', arg) else "'" + arg.replace("'", "'\\''") + "'"
