"""
Generated Indonesian-like news for the search benchmark: a vocabulary of
root words with the affixes real copy uses, names readers search for, and
TextGenerator, which writes whole articles from them.
"""

import random

# --- A vocabulary of Indonesian news ---------------------------------------
# Root words by topic; the generator adds the affixes Indonesian copy uses
# (meN-, di-, peN-...-an, ke-...-an, ber-, ter-, -kan, -i, -nya) so the
# stemmer has real work to do. Frequencies follow Zipf's law, as words in
# real text do.

ROOTS = """
serang kirim bangun bantu jaga tangkap periksa selidik tuduh adil hukum putus
sidang tahan lepas bebas curi bunuh tembak ledak bakar rusak runtuh banjir
longsor gempa letus ungsi selamat cari temu hilang tewas luka rawat obat sakit
sehat vaksin suntik tular jangkit cegah tangan atur kelola pimpin perintah
pilih calon menang kalah suara hitung kampanye dukung tolak protes demo unjuk
rasa tuntut minta janji ubah tetap sahkan rancang undang usul bahas rapat
kunjung resmi buka tutup mulai henti lanjut tunda batal jual beli harga naik
turun untung rugi bayar pajak utang pinjam modal dagang ekspor impor produksi
hasil panen tanam pupuk beras gula minyak gas listrik bensin solar tambang
batu bara emas nikel sawit karet kopi teh ikan laut kapal pelabuhan terbang
pesawat kereta jalan tol jembatan bandara macet kendara motor mobil angkut
penumpang tiket mudik libur wisata hotel pantai gunung hutan sungai danau air
hujan cuaca panas kering kemarau angin badai ombak iklim cemar sampah limbah
udara asap api padam siaga waspada darurat bencana korban warga desa kota
kampung rumah sekolah guru murid ajar didik kuliah kampus uji nilai lulus
daftar terima tes beasiswa dana anggar biaya belanja kas keuangan bank saham
bursa investasi rupiah dolar inflasi bunga kredit tabung asuransi usaha kerja
buruh upah gaji pecat rekrut karyawan pabrik industri teknologi digital data
aplikasi internet jaringan sinyal retas bocor siber ponsel komputer pintar
robot satelit riset teliti temuan ilmu sains dokter perawat rumah sakit pasien
gizi stunting anak ibu bayi lahir nikah cerai keluarga tua muda remaja
perempuan pria hak asasi manusia bela adil damai perang tentara senjata
rudal bom tank kapal selam perbatasan wilayah negara bangsa dunia kerja sama
runding sepakat kesepakatan dialog diplomat duta besar kedutaan menteri
presiden wakil gubernur bupati wali kota camat lurah kepala dinas badan
lembaga komisi partai koalisi oposisi parlemen dewan anggota fraksi kursi
jabat jabatan lantik mundur copot ganti tunjuk angkat sumpah korupsi suap
gratifikasi rampas sita geledah tersangka saksi bukti jaksa hakim polisi
penjara vonis banding kasasi grasi amnesti pidana perdata gugat sengketa
lahan tanah sertifikat tata ruang izin larang boleh wajib sanksi denda
pantau awas evaluasi capai target rencana strategi kebijakan program proyek
sasar manfaat dampak akibat sebab tingkat turun naik tambah kurang banyak
sedikit cepat lambat besar kecil tinggi rendah baru lama kuat lemah mahal
murah sulit mudah jelas ragu percaya curiga takut berani marah senang sedih
kecewa puas bangga malu khawatir harap yakin sadar paham tahu lihat dengar
kata bicara jawab tanya cerita kabar berita tulis baca siar liput wartawan
media pers foto video gambar tayang film musik lagu konser seni budaya adat
tari festival lomba juara tanding main bola sepak gol skor pelatih pemain
klub liga piala medali atlet olahraga lari renang tinju bulu tangkis basket
stadion suporter wasit kartu menit babak laga kandang tamu final semifinal
ibadah masjid gereja pura doa puasa lebaran natal zakat haji umrah agama
""".split()

# Names readers search for: people, places, institutions, acronyms.
NAMES = """
KPK NATO BPS DPR MPR TNI Polri BMKG BNPB OJK BI PBB WHO ASEAN IMF BUMN APBN
Stoltenberg Guterres Zelenskyy Putin Biden Erdogan Macron Albanese Modi
Prabowo Gibran Megawati Anies Ganjar Mahfud Airlangga Retno Sri Mulyani
Jakarta Surabaya Bandung Medan Makassar Semarang Palembang Denpasar Kediri
Bekasi Bogor Depok Tangerang Yogyakarta Solo Malang Manado Ambon Jayapura
Aceh Papua Kalimantan Sulawesi Sumatera Bali Lombok Maluku Natuna Merapi
Ukraina Rusia Israel Gaza Palestina Amerika China Jepang Korea Australia
Singapura Malaysia Thailand Filipina Vietnam Myanmar India Arab Saudi Iran
Pertamina Garuda Telkom PLN Antara Reuters
""".split()

FUNCTION_WORDS = """
yang dan di ke dari ini itu dengan untuk pada dalam akan juga tidak sudah
telah oleh karena bahwa sebagai para saat masih bisa dapat lebih harus
tersebut mereka ia kami kita atau namun tetapi hingga sejak agar serta
""".split()

SYLLABLES = "ba bu ki ko ma mi na no ra ri sa su ta ti wa wi ya jo de do ga gu ha he la lo pa pe se so".split()


# Nasal assimilation of meN- and peN-: a root's first letter, the nasal it
# takes, and whether the letter melts into it (kirim -> mengirim, tulis -> menulis).
NASALS = [("aiueogh", "ng", False), ("k", "ng", True), ("p", "m", True), ("bfv", "m", False), ("t", "n", True), ("dcjz", "n", False), ("s", "ny", True)]


def affixed(root, rng):
    """`root` with a random Indonesian affix pattern, nasal assimilation included."""

    def nasal(prefix):
        for letters, sound, melts in NASALS:
            if root[0] in letters:
                return prefix + sound + (root[1:] if melts else root)
        return prefix + root

    pattern = rng.randrange(12)
    return [
        root,
        root,
        root,
        nasal("me"),
        nasal("me") + "kan",
        "di" + root,
        "di" + root + "kan",
        nasal("pe") + "an",
        root + "an",
        "ke" + root + "an",
        "ber" + root,
        root + "nya",
    ][pattern]


class TextGenerator:
    """
    Articles about a few topics each: most words come from a general
    vocabulary in Zipf proportions (the roots above in a shuffled order,
    then the long tail of the stemmer's own dictionary of root words), some
    from the article's topic roots, and a few names from its cast.
    """

    def __init__(self, seed):
        from articles.search.stemming import _stemmer

        self.rng = random.Random(seed)
        roots = list(dict.fromkeys(ROOTS))
        self.rng.shuffle(roots)
        known = set(roots) | set(FUNCTION_WORDS)
        tail = sorted(word for word in _stemmer().get_dictionary().words if word.isalpha() and word not in known)
        self.rng.shuffle(tail)
        self.roots = roots
        self.vocabulary = roots + tail
        self.weights = _zipf_cumulative(len(self.vocabulary))
        self.rare_names = ["".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(3, 4))).capitalize() for _ in range(3000)]
        self.rare_weights = _zipf_cumulative(len(self.rare_names))

    def cast(self):
        rng = self.rng
        return [rng.choice(NAMES) if rng.random() < 0.5 else rng.choices(self.rare_names, cum_weights=self.rare_weights)[0] for _ in range(3)]

    def words(self, count, topic, cast):
        rng = self.rng
        out = []
        for root in rng.choices(self.vocabulary, cum_weights=self.weights, k=count):
            roll = rng.random()
            if roll < 0.28:
                out.append(rng.choice(FUNCTION_WORDS))
            elif roll < 0.36:
                out.append(affixed(rng.choice(topic), rng))
            elif roll < 0.40:
                out.append(rng.choice(cast))
            elif roll < 0.42:
                out.append(str(rng.randint(2, 2025)))
            else:
                out.append(affixed(root, rng))
        return out

    def sentence(self, topic, cast, low, high):
        return " ".join(self.words(self.rng.randint(low, high), topic, cast)).capitalize() + "."

    def article(self):
        rng = self.rng
        topic, cast = rng.sample(self.roots, 3), self.cast()
        headline = " ".join(w.capitalize() for w in self.words(rng.randint(6, 11), topic, cast))[:200]
        standfirst = self.sentence(topic, cast, 15, 30)[:400]
        paragraphs = [" ".join(self.sentence(topic, cast, 8, 20) for _ in range(rng.randint(3, 5))) for _ in range(rng.randint(6, 11))]
        return headline, standfirst, "".join(f"<p>{p}</p>" for p in paragraphs)


def _zipf_cumulative(n):
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank
        out.append(total)
    return out
